#include "read/internal/html_page.h"

#include <gumbo.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "read/internal/date_line.h"
#include "read/internal/encoding.h"
#include "read/internal/markup.h"
#include "read/internal/text_lines.h"

namespace eventcoder::read_internal {
namespace {

constexpr size_t kMaxJsonLdBytes = 1 << 20;  // larger structured-data blocks are not parsed

// ---------------------------------------------------------------------------------------------
// The parsed tree.

const GumboVector* Children(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) return &node->v.element.children;
  return nullptr;
}

bool IsElement(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

GumboTag TagOf(const GumboNode* node) { return IsElement(node) ? node->v.element.tag : GUMBO_TAG_UNKNOWN; }

std::string_view Attribute(const GumboNode* node, const char* name) {
  if (!IsElement(node)) return {};
  const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, name);
  return attribute != nullptr ? std::string_view(attribute->value) : std::string_view();
}

bool HasAttribute(const GumboNode* node, const char* name) {
  return IsElement(node) && gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
}

// Elements whose content is not part of the article's text.
bool IsDropped(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEMPLATE) return true;
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  switch (node->v.element.tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_DATALIST: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
      return true;
    default: {
      if (HasAttribute(node, "hidden")) return true;
      // The ARIA roles of <nav>, <header>, <footer> and <aside>, and search boxes.
      const std::string role = AsciiLower(TrimMarkupSpace(Attribute(node, "role")));
      return IsOneOf(role, {"navigation", "banner", "contentinfo", "complementary", "search"});
    }
  }
}

// Elements that start and end a paragraph.
bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR:
    case GUMBO_TAG_UL: case GUMBO_TAG_XMP:
      return true;
    default:
      return false;
  }
}

// Visits the tree under `root` in document order without recursion (pages can nest deeply):
// enter(node) returns whether to visit the node's children; leave(node) follows them.
template <typename Enter, typename Leave>
void Walk(const GumboNode* root, Enter enter, Leave leave) {
  struct Frame {
    const GumboNode* node;
    bool leaving;
  };
  std::vector<Frame> stack = {{root, false}};
  while (!stack.empty()) {
    const Frame frame = stack.back();
    stack.pop_back();
    if (frame.leaving) {
      leave(frame.node);
      continue;
    }
    if (!enter(frame.node)) continue;
    stack.push_back({frame.node, true});
    if (const GumboVector* children = Children(frame.node)) {
      for (unsigned i = children->length; i-- > 0;) {
        stack.push_back({static_cast<const GumboNode*>(children->data[i]), false});
      }
    }
  }
}

// Builds text from the pieces the walk meets: white space collapsed to single spaces, blocks
// separated by "\n\n", <br> by "\n" (two in a row by "\n\n").
class TextBuilder {
 public:
  void Text(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      const char c = s[i];
      if (IsMarkupSpace(c)) {
        pending_space_ = true;
        ++i;
        continue;
      }
      if (static_cast<unsigned char>(c) >= 0x80) {
        size_t length = 1;
        const SpecialChar special = ClassifySpecialChar(s, i, &length);
        if (special == SpecialChar::kInvisible) {
          i += length;
          continue;
        }
        if (special != SpecialChar::kNone) {
          pending_space_ = true;
          i += length;
          continue;
        }
      }
      Flush();
      out_ += c;
      ++i;
    }
  }
  void Space() { pending_space_ = true; }
  void LineBreak() { pending_break_ = pending_break_ >= 1 ? 2 : 1; }
  void ParagraphBreak() { pending_break_ = 2; }
  std::string Take() { return std::move(out_); }

 private:
  void Flush() {
    if (!out_.empty()) {
      if (pending_break_ == 2) {
        out_ += "\n\n";
      } else if (pending_break_ == 1) {
        out_ += '\n';
      } else if (pending_space_) {
        out_ += ' ';
      }
    }
    pending_break_ = 0;
    pending_space_ = false;
  }

  std::string out_;
  int pending_break_ = 0;
  bool pending_space_ = false;
};

bool IsTextNode(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA || node->type == GUMBO_NODE_WHITESPACE;
}

// All the text under `node` on one line, white space collapsed.
std::string TextOf(const GumboNode* node) {
  TextBuilder builder;
  Walk(
      node,
      [&](const GumboNode* n) {
        if (IsTextNode(n)) builder.Text(n->v.text.text);
        if (IsElement(n)) builder.Space();
        return n->type != GUMBO_NODE_COMMENT;
      },
      [&](const GumboNode* n) {
        if (IsElement(n)) builder.Space();
      });
  return NormalizeToNfc(builder.Take());
}

// The article's text under `root`.
std::string ExtractText(const GumboNode* root) {
  TextBuilder builder;
  Walk(
      root,
      [&](const GumboNode* n) {
        if (IsTextNode(n)) {
          builder.Text(n->v.text.text);
          return false;
        }
        if (!IsElement(n)) return n->type == GUMBO_NODE_DOCUMENT;
        if (n != root && IsDropped(n)) return false;
        const GumboTag tag = TagOf(n);
        if (tag == GUMBO_TAG_BR) {
          builder.LineBreak();
        } else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
          builder.Space();
        } else if (IsBlock(tag)) {
          builder.ParagraphBreak();
        }
        return true;
      },
      [&](const GumboNode* n) {
        const GumboTag tag = TagOf(n);
        if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
          builder.Space();
        } else if (IsBlock(tag)) {
          builder.ParagraphBreak();
        }
      });
  return NormalizeToNfc(builder.Take());
}

// A date from an attribute or structured data: ISO 8601 or one of the written forms.
std::optional<PartialDate> ParseDateValue(std::string_view value) {
  value = TrimMarkupSpace(value);
  if (value.empty()) return std::nullopt;
  if (std::optional<PartialDate> iso = PartialDate::Parse(value)) return iso;
  return ParseDateText(value);
}

// The first "datePublished" string in a JSON-LD block.
std::optional<PartialDate> JsonLdDatePublished(std::string_view json_text) {
  if (json_text.size() > kMaxJsonLdBytes) return std::nullopt;
  const nlohmann::json json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return std::nullopt;
  std::vector<const nlohmann::json*> stack = {&json};
  while (!stack.empty()) {
    const nlohmann::json* value = stack.back();
    stack.pop_back();
    if (value->is_object()) {
      for (auto it = value->begin(); it != value->end(); ++it) {
        if (it.key() == "datePublished" && it.value().is_string()) {
          if (auto date = ParseDateValue(it.value().get_ref<const std::string&>())) return date;
        }
        if (it.value().is_structured()) stack.push_back(&it.value());
      }
    } else if (value->is_array()) {
      for (auto it = value->rbegin(); it != value->rend(); ++it) stack.push_back(&*it);
    }
  }
  return std::nullopt;
}

// What a page says about itself, gathered in one walk.
struct PageFacts {
  std::string og_title, title_element, first_h1;
  std::string canonical, og_url;
  std::optional<PartialDate> published_time;  // <meta property="article:published_time">
  std::optional<PartialDate> meta_date;       // <meta name="date|pubdate|…">
  std::optional<PartialDate> item_date;       // itemprop="datePublished"
  std::optional<PartialDate> json_ld_date;    // "datePublished" in application/ld+json
  std::optional<PartialDate> time_date;       // the first <time datetime>
  std::vector<const GumboNode*> articles;     // outermost <article>s outside dropped parts
  const GumboNode* main = nullptr;        // the first <main>
  const GumboNode* role_main = nullptr;   // the first element with role="main"
  const GumboNode* body = nullptr;
};

bool IsDateMetaName(std::string_view name) {
  return IsOneOf(name, {"date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
                        "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued",
                        "dcterms.created", "sailthru.date", "parsely-pub-date", "og:published_time"});
}

void NoteMeta(const GumboNode* node, PageFacts& facts) {
  std::string key = AsciiLower(TrimMarkupSpace(Attribute(node, "property")));
  if (key.empty()) key = AsciiLower(TrimMarkupSpace(Attribute(node, "name")));
  const std::string_view content = Attribute(node, "content");
  if (key == "og:title" && facts.og_title.empty()) {
    TextBuilder builder;
    builder.Text(content);
    facts.og_title = NormalizeToNfc(builder.Take());
  } else if (key == "og:url" && facts.og_url.empty()) {
    facts.og_url = TrimMarkupSpace(content);
  } else if (key == "article:published_time" && !facts.published_time) {
    facts.published_time = ParseDateValue(content);
  } else if (IsDateMetaName(key) && !facts.meta_date) {
    facts.meta_date = ParseDateValue(content);
  }
}

PageFacts GatherFacts(const GumboNode* document) {
  PageFacts facts;
  int dropped_depth = 0;
  int article_depth = 0;
  Walk(
      document,
      [&](const GumboNode* node) {
        if (!IsElement(node)) return node->type == GUMBO_NODE_DOCUMENT;
        const GumboTag tag = TagOf(node);
        switch (tag) {
          case GUMBO_TAG_META: NoteMeta(node, facts); break;
          case GUMBO_TAG_LINK:
            if (facts.canonical.empty() && HasToken(Attribute(node, "rel"), "canonical")) {
              facts.canonical = TrimMarkupSpace(Attribute(node, "href"));
            }
            break;
          case GUMBO_TAG_TITLE:
            if (facts.title_element.empty()) facts.title_element = TextOf(node);
            break;
          case GUMBO_TAG_H1:
            if (facts.first_h1.empty()) facts.first_h1 = TextOf(node);
            break;
          case GUMBO_TAG_SCRIPT:
            if (!facts.json_ld_date && AsciiLower(Attribute(node, "type")).find("ld+json") != std::string::npos &&
                node->v.element.children.length == 1) {
              const auto* child = static_cast<const GumboNode*>(node->v.element.children.data[0]);
              if (IsTextNode(child)) facts.json_ld_date = JsonLdDatePublished(child->v.text.text);
            }
            break;
          case GUMBO_TAG_TIME:
            if (!facts.time_date) facts.time_date = ParseDateValue(Attribute(node, "datetime"));
            break;
          case GUMBO_TAG_ARTICLE:
            if (dropped_depth == 0 && article_depth == 0) facts.articles.push_back(node);
            break;
          case GUMBO_TAG_MAIN:
            if (dropped_depth == 0 && facts.main == nullptr) facts.main = node;
            break;
          case GUMBO_TAG_BODY:
            if (facts.body == nullptr) facts.body = node;
            break;
          default: break;
        }
        if (dropped_depth == 0 && facts.role_main == nullptr && HasToken(Attribute(node, "role"), "main")) {
          facts.role_main = node;
        }
        if (!facts.item_date && HasToken(Attribute(node, "itemprop"), "datePublished")) {
          std::string_view value = Attribute(node, "content");
          if (value.empty()) value = Attribute(node, "datetime");
          facts.item_date = value.empty() ? ParseDateValue(TextOf(node)) : ParseDateValue(value);
        }
        if (IsDropped(node)) ++dropped_depth;
        if (tag == GUMBO_TAG_ARTICLE) ++article_depth;
        return true;
      },
      [&](const GumboNode* node) {
        if (IsDropped(node)) --dropped_depth;
        if (TagOf(node) == GUMBO_TAG_ARTICLE) --article_depth;
      });
  return facts;
}

// The first <time datetime> under `root` that holds a date.
std::optional<PartialDate> FirstTimeDate(const GumboNode* root) {
  std::optional<PartialDate> date;
  Walk(
      root,
      [&](const GumboNode* node) {
        if (date || !(IsElement(node) || node->type == GUMBO_NODE_DOCUMENT)) return false;
        if (TagOf(node) == GUMBO_TAG_TIME) date = ParseDateValue(Attribute(node, "datetime"));
        return !date;
      },
      [](const GumboNode*) {});
  return date;
}

bool IsAbsoluteUrl(std::string_view url) {
  return StartsWithIgnoreCase(url, "http://") || StartsWithIgnoreCase(url, "https://");
}

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

}  // namespace

Result<HtmlPage> ReadHtmlPage(std::string_view bytes) {
  Result<std::string> utf8 = DecodeHtmlToUtf8(bytes);
  if (!utf8.ok()) return utf8.status();
  const std::string markup = SimplifyMarkup(utf8.value(), kMaxHtmlDepth);

  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not used; recording them costs time and memory
  std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
      gumbo_parse_with_options(&options, markup.data(), markup.size()));
  if (output == nullptr || output->document == nullptr) return Status(StatusCode::kInternal, "HTML parser failed");

  const GumboNode* document = output->document;
  PageFacts facts = GatherFacts(document);

  // The content: the one <article>, else <main> (or role="main"), else <body>.
  const GumboNode* fallback = facts.body != nullptr ? facts.body : document;
  const GumboNode* root = fallback;
  if (facts.articles.size() == 1) {
    root = facts.articles[0];
  } else if (facts.main != nullptr) {
    root = facts.main;
  } else if (facts.role_main != nullptr) {
    root = facts.role_main;
  }
  HtmlPage page;
  page.text = ExtractText(root);
  if (page.text.empty() && root != fallback) page.text = ExtractText(fallback);

  if (!facts.og_title.empty()) {
    page.title = facts.og_title;
  } else if (!facts.title_element.empty()) {
    page.title = facts.title_element;
  } else if (!facts.first_h1.empty()) {
    page.title = facts.first_h1;
  }

  if (IsAbsoluteUrl(facts.canonical) || (!facts.canonical.empty() && !IsAbsoluteUrl(facts.og_url))) {
    page.url = facts.canonical;
  } else if (!facts.og_url.empty()) {
    page.url = facts.og_url;
  }

  for (const std::optional<PartialDate>& date :
       {facts.published_time, facts.meta_date, facts.item_date, facts.json_ld_date}) {
    if (date) {
      page.published = date;
      break;
    }
  }
  if (!page.published) page.published = FirstTimeDate(root);
  if (!page.published) page.published = facts.time_date;

  // Date lines at the top of the text go, as in plain text; the page's own metadata wins.
  std::optional<PartialDate> line_date = TakeDateLines(page.text);
  if (!page.published) page.published = line_date;

  // The headline usually opens the text too; it is kept once, as the title.
  if (page.title) {
    const size_t end = page.text.find("\n\n");
    if (end != std::string::npos && std::string_view(page.text).substr(0, end) == *page.title) {
      page.text.erase(0, end + 2);
    }
  }
  if (page.text.empty()) return InvalidInput("no text found in the HTML");
  return page;
}


}  // namespace eventcoder::read_internal
