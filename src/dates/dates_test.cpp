#include <gtest/gtest.h>

#include "dates/dates.h"
#include "text/tokenizer.h"

namespace eventcoder {
namespace {

std::vector<DateMention> Find(std::string_view s, std::optional<PartialDate> pub = PartialDate{2020, 10, 10}) {
  return FindDates(Tokenize(s, nullptr), pub);
}

TEST(Dates, CalendarHelpers) {
  EXPECT_EQ(Weekday(PartialDate{2020, 10, 10}), 6);  // a Saturday
  EXPECT_EQ(CivilFromDays(DaysFromCivil(2020, 3, 1) - 1), (PartialDate{2020, 2, 29}));
}

TEST(Dates, WeekdayIsTheMostRecentOne) {
  auto d = Find("Speaking on Friday, he said");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date.ToString(), "2020-10-09");
  EXPECT_EQ(Find("starting Saturday")[0].date.ToString(), "2020-10-10");
  EXPECT_EQ(Find("last Saturday")[0].date.ToString(), "2020-10-03");
}

TEST(Dates, MonthAndDay) {
  EXPECT_EQ(Find("began on September 27, killing")[0].date.ToString(), "2020-09-27");
  EXPECT_EQ(Find("on 27 September 2019")[0].date.ToString(), "2019-09-27");
  EXPECT_EQ(Find("in December")[0].date.ToString(), "2019-12");
  EXPECT_EQ(Find("on Sept. 27")[0].date.ToString(), "2020-09-27");
}

TEST(Dates, RelativeYearsAndHistory) {
  EXPECT_EQ(Find("Last year, Turkey received")[0].date.ToString(), "2019");
  EXPECT_EQ(Find("marches that began in 1915.")[0].date.ToString(), "1915");
  EXPECT_EQ(Find("yesterday")[0].date.ToString(), "2020-10-09");
  EXPECT_EQ(Find("three days ago")[0].date.ToString(), "2020-10-07");
}

TEST(Dates, VagueExpressionsHaveNoDate) {
  auto d = Find("In recent years, Turkey has provided");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(d[0].vague);
  EXPECT_FALSE(d[0].date.valid());
}

TEST(Dates, WithoutPublicationDateOnlyAbsoluteDatesResolve) {
  EXPECT_TRUE(Find("on Friday", std::nullopt).empty());
  EXPECT_EQ(Find("on September 27, 2020", std::nullopt)[0].date.ToString(), "2020-09-27");
}

TEST(Dates, DecadesAreVagueBackground) {
  auto d = Find("fought in Darfur in the early 2000s");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(d[0].vague);
  EXPECT_EQ(d[0].decade, 2000);
}

TEST(Dates, MayAsVerbIsNotAMonth) { EXPECT_TRUE(Find("The army may attack").empty()); }

TEST(PartialDate, ParsesPartialForms) {
  EXPECT_EQ(PartialDate::Parse("2020-10")->ToString(), "2020-10");
  EXPECT_EQ(PartialDate::Parse("2020-10-10T12:00:00Z")->ToString(), "2020-10-10");
  EXPECT_FALSE(PartialDate::Parse("2020-13-01"));
  EXPECT_FALSE(PartialDate::Parse("20x0"));
}

}  // namespace
}  // namespace eventcoder
