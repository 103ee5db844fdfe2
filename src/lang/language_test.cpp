#include "lang/language.h"

#include <gtest/gtest.h>

namespace eventcoder {
namespace {

// News sentences written for these tests: the same story in each language, about 30 words.
constexpr const char* kEnglish =
    "The foreign ministers of both countries met in Geneva on Tuesday and agreed to resume talks on a "
    "ceasefire, officials said. A second round of negotiations is expected next month in the capital.";
constexpr const char* kFrench =
    "Les ministres des Affaires étrangères des deux pays se sont réunis mardi à Genève et ont convenu de "
    "reprendre les négociations sur un cessez-le-feu, selon des responsables. Une deuxième séance aura lieu "
    "le mois prochain dans la capitale.";
constexpr const char* kRussian =
    "Министры иностранных дел двух стран встретились во вторник в Женеве и договорились возобновить "
    "переговоры о прекращении огня, сообщили официальные лица. Второй раунд переговоров состоится в "
    "следующем месяце в столице.";
constexpr const char* kArabic =
    "التقى وزيرا خارجية البلدين في جنيف يوم الثلاثاء واتفقا على استئناف المحادثات بشأن وقف إطلاق النار، "
    "وفقا لمسؤولين. ومن المتوقع أن تعقد جولة ثانية من المفاوضات في العاصمة الشهر المقبل.";
constexpr const char* kGerman =
    "Die Außenminister beider Länder trafen sich am Dienstag in Genf und vereinbarten, die Gespräche über "
    "eine Waffenruhe wieder aufzunehmen, wie Regierungsvertreter mitteilten. Eine zweite Verhandlungsrunde "
    "soll im nächsten Monat in der Hauptstadt folgen.";
constexpr const char* kHebrew =
    "שרי החוץ של שתי המדינות נפגשו ביום שלישי בז'נבה והסכימו לחדש את השיחות על הפסקת אש, כך אמרו גורמים "
    "רשמיים. סבב שני של משא ומתן צפוי להתקיים בחודש הבא בבירה.";

TEST(Language, EnglishNewsIsReliablyEnglish) {
  LanguageGuess g = DetectLanguage(kEnglish);
  EXPECT_EQ(g.code, "en");
  EXPECT_TRUE(g.reliable);
}

TEST(Language, FrenchNewsIsReliablyFrench) {
  LanguageGuess g = DetectLanguage(kFrench);
  EXPECT_EQ(g.code, "fr");
  EXPECT_TRUE(g.reliable);
}

TEST(Language, RussianInCyrillicIsReliablyRussian) {
  LanguageGuess g = DetectLanguage(kRussian);
  EXPECT_EQ(g.code, "ru");
  EXPECT_TRUE(g.reliable);
}

TEST(Language, ArabicIsReliablyArabic) {
  LanguageGuess g = DetectLanguage(kArabic);
  EXPECT_EQ(g.code, "ar");
  EXPECT_TRUE(g.reliable);
}

TEST(Language, GermanNewsIsReliablyGerman) {
  LanguageGuess g = DetectLanguage(kGerman);
  EXPECT_EQ(g.code, "de");
  EXPECT_TRUE(g.reliable);
}

TEST(Language, HebrewGetsItsCurrentIsoCodeNotTheWithdrawnOne) {
  LanguageGuess g = DetectLanguage(kHebrew);
  EXPECT_EQ(g.code, "he");
  EXPECT_TRUE(g.reliable);
}

TEST(Language, EmptyTextIsUnknown) {
  LanguageGuess g = DetectLanguage("");
  EXPECT_EQ(g.code, "");
  EXPECT_FALSE(g.reliable);
}

TEST(Language, TextOfFewerThanTwentyWordsIsUnknown) {
  for (const char* text : {"Russian forces shelled Kharkiv on Friday, Ukrainian officials said.",
                           "Les forces russes ont bombardé Kharkiv vendredi, selon des responsables ukrainiens.",
                           "Переговоры возобновятся в понедельник.", "12 345 — 678 !!!"}) {
    LanguageGuess g = DetectLanguage(text);
    EXPECT_EQ(g.code, "") << text;
    EXPECT_FALSE(g.reliable) << text;
  }
}

TEST(Language, InvalidUtf8IsUnknown) {
  std::string text = kFrench;
  text[10] = static_cast<char>(0xFF);
  LanguageGuess g = DetectLanguage(text);
  EXPECT_EQ(g.code, "");
  EXPECT_FALSE(g.reliable);
}

TEST(Language, EnglishArticleQuotingAFrenchPhraseIsEnglish) {
  std::string text = std::string(kEnglish) + " \"Nous voulons la paix,\" the minister told reporters. " + kEnglish;
  EXPECT_EQ(DetectLanguage(text).code, "en");
}

}  // namespace
}  // namespace eventcoder
