// The category rule table is documented: every built-in rule's category,
// path glob and package glob appear in docs/attribution.md, and every
// finding id the code can emit is in docs/findings.md.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "attribution/categories.h"

namespace ballast::attribution {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Docs, EveryBuiltinRuleIsDocumented) {
  const std::string doc = read(std::string(BALLAST_SOURCE_DIR) + "/docs/attribution.md");
  ASSERT_FALSE(doc.empty());
  for (const auto& r : builtin_category_rules()) {
    EXPECT_NE(doc.find("| " + r.category + " |"), std::string::npos) << r.category;
    if (!r.path.empty()) {
      EXPECT_NE(doc.find("`" + r.path + "`"), std::string::npos) << r.path;
    }
    if (!r.package.empty()) {
      EXPECT_NE(doc.find("`" + r.package + "`"), std::string::npos) << r.package;
    }
  }
  for (std::string_view c : kCategoryNames) EXPECT_NE(doc.find("`" + std::string(c) + "`"), std::string::npos) << c;
}

TEST(Docs, EveryFindingIdIsDocumented) {
  const std::string doc = read(std::string(BALLAST_SOURCE_DIR) + "/docs/findings.md");
  std::set<std::string> ids;
  std::regex id_re("\"(image\\.[a-z.-]+)\"");
  for (const char* file : {"findings_category.cc", "findings_content.cc", "findings_reclaimable.cc"}) {
    std::string src = read(std::string(BALLAST_SOURCE_DIR) + "/src/attribution/" + file);
    ASSERT_FALSE(src.empty()) << file;
    for (std::sregex_iterator it(src.begin(), src.end(), id_re), end; it != end; ++it) ids.insert((*it)[1]);
  }
  EXPECT_GE(ids.size(), 20u);
  for (const auto& id : ids) EXPECT_NE(doc.find("`" + id + "`"), std::string::npos) << id;
}

}  // namespace
}  // namespace ballast::attribution
