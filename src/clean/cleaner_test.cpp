#include <gtest/gtest.h>

#include "clean/cleaner.h"

namespace eventcoder {
namespace {

std::string Clean(const std::string& text, CleanReport* report = nullptr, Document* out = nullptr) {
  Document d;
  d.text = text;
  CleanReport r = CleanDocument(d);
  if (report) *report = r;
  if (out) *out = d;
  return d.text;
}

TEST(Cleaner, RemovesShortcodesInlineAndAlone) {
  CleanReport r;
  EXPECT_EQ(Clean("[ad_1]\n\nThe army said so. [ad_2]\n\n[caption id=\"x\" align=\"left\"]A photo[/caption]", &r),
            "The army said so.\n\nA photo");
  EXPECT_EQ(r.shortcodes, 4);
}

TEST(Cleaner, KeepsOrdinaryBrackets) { EXPECT_EQ(Clean("He said [sic] it was over."), "He said [sic] it was over."); }

TEST(Cleaner, DropsCreditLines) {
  EXPECT_EQ(Clean("Soldiers march.\n\nUncredited / AP\n\nPhoto: Jane Doe/AFP\n\nGetty Images\n\nTalks resumed."),
            "Soldiers march.\n\nTalks resumed.");
}

TEST(Cleaner, DropsInlinePhotoCredits) {
  EXPECT_EQ(Clean("A man walks past ruins in Kharkiv. (AP Photo/Efrem Lukatsky)"), "A man walks past ruins in Kharkiv.");
}

TEST(Cleaner, KeepsOneCopyOfANearDuplicateCaption) {
  CleanReport r;
  std::string out = Clean(
      "Smoke rises after the artillery bombardment.\n\nCredit / AP\n\nSmoke rises after the artillery shelling.\n\n"
      "Then talks began.",
      &r);
  EXPECT_EQ(out, "Smoke rises after the artillery bombardment.\n\nThen talks began.");
  EXPECT_EQ(r.duplicates, 1);
}

TEST(Cleaner, DifferentParagraphsAreNotDuplicates) {
  EXPECT_FALSE(NearDuplicate("Armenia accused Azerbaijan of shelling Kapan.", "Azerbaijan accused Armenia of attacking Terter and Agdam."));
}

TEST(Cleaner, DropsReadMoreBlocks) {
  CleanReport r;
  std::string out = Clean("First.\n\nREAD MORE:\n* Russia invades.\n* Peace talks fail.\n\nSecond.", &r);
  EXPECT_EQ(out, "First.\n\nSecond.");
  EXPECT_EQ(r.link_lists, 3);
  EXPECT_EQ(Clean("First.\n\nRelated:\n\n- Other story one\n- Other story two\n\nSecond."), "First.\n\nSecond.");
}

TEST(Cleaner, DropsShareAndNewsletterLines) {
  EXPECT_EQ(Clean("Share this article\n\nThe UN said aid arrived.\n\nSign up for our newsletter"), "The UN said aid arrived.");
}

TEST(Cleaner, RemovesMachineTranslationDebris) {
  CleanReport r;
  EXPECT_EQ(Clean("The worst fighting in more than a year. room. century.", &r), "The worst fighting in more than a year.");
  EXPECT_EQ(r.debris, 2);
  EXPECT_EQ(Clean("They met in the U.S. capital."), "They met in the U.S. capital.");
}

TEST(Cleaner, KeepsDatelineAsMetadata) {
  Document d;
  Clean("MOSCOW (AP) \xE2\x80\x94 Armenia and Azerbaijan agreed to a truce.\n\nMore text.", nullptr, &d);
  EXPECT_EQ(d.text, "Armenia and Azerbaijan agreed to a truce.\n\nMore text.");
  EXPECT_EQ(d.dateline_place, "MOSCOW");
  EXPECT_EQ(d.dateline_agency, "AP");
  Document e;
  Clean("KYIV, Ukraine (Reuters) - Drones struck the city.", nullptr, &e);
  EXPECT_EQ(e.dateline_place, "KYIV, Ukraine");
  EXPECT_EQ(e.text, "Drones struck the city.");
}

TEST(Cleaner, DatelineAfterAHeadline) {
  Document d;
  Clean("Clashes on the border\n\nKYIV, Ukraine (AP) \xE2\x80\x94 Drones struck the city.", nullptr, &d);
  EXPECT_EQ(d.dateline_place, "KYIV, Ukraine");
  EXPECT_EQ(d.text, "Clashes on the border\n\nDrones struck the city.");
}

TEST(Cleaner, NoDatelineInOrdinarySentence) {
  Document d;
  Clean("Armenia - a small country - agreed.", nullptr, &d);
  EXPECT_EQ(d.dateline_place, "");
}

}  // namespace
}  // namespace eventcoder
