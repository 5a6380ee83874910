// --categories FILE where FILE is any text (issue 19: /etc/hostname gave a raw
// yaml-cpp exception): the error names the file and line.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "../image/temp_dir.h"
#include "report/analyze_config.h"
#include "util/error.h"

namespace ballast::testing {
namespace {

std::string error_of(const std::string& path) {
  try {
    report::load_category_rules(path);
  } catch (const InputError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("not an InputError: ") + e.what();
  }
  return "<no error>";
}

TEST(CategoriesHostile, PlainTextFileNamesFileAndLine) {
  TempDir dir;
  const std::string host = dir / "hostname";
  std::ofstream(host) << "buildhost-01\n";
  EXPECT_EQ(error_of(host), host + ":1: not a categories file (expected a mapping with a top-level 'rules:' list)");
  const std::string list = dir / "list.yaml";
  std::ofstream(list) << "- a\n- b\n";
  EXPECT_EQ(error_of(list), list + ":1: not a categories file (expected a mapping with a top-level 'rules:' list)");
  // Control: a valid file loads.
  const std::string good = dir / "good.yaml";
  std::ofstream(good) << "rules:\n  - category: x\n    path: a/**\n";
  EXPECT_EQ(error_of(good), "<no error>");
}

}  // namespace
}  // namespace ballast::testing
