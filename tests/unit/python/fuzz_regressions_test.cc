// Inputs fuzz/requirements_fuzz.cc found (kept in tests/fuzz-regressions/),
// each with the outcome pip's format gives it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "python/requirements_txt.h"
#include "temp_project.h"

namespace ballast::python {
namespace {

using testing::TempProject;

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(BALLAST_SOURCE_DIR) + "/tests/fuzz-regressions/requirements_fuzz/" + name,
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `-e` whose value was quoted: the unquoted word is not in the line, and
// line.substr(npos) threw std::out_of_range (exit 3) instead of reading it.
TEST(RequirementsFuzz, EditableWithAQuotedValue) {
  TempProject p;
  Declarations d;
  RequirementsReader(p.root()).read_text(p.root() / "requirements.txt", "-e \"x\"y\n", false, d);
  ASSERT_EQ(d.requirements.size(), 1u);
  EXPECT_TRUE(d.requirements[0].editable);
  EXPECT_EQ(d.requirements[0].url, "xy");  // the value as the shell-like split reads it

  // The fuzzer's own input (the seed with a mangled `-e` line) reads to the end.
  Declarations all;
  EXPECT_NO_THROW(RequirementsReader(p.root()).read_text(p.root() / "requirements.txt",
                                                         fixture("editable-quoted-value"), false, all));
  // Positive control: its numpy line after the -e line is still read.
  bool numpy = false;
  for (const auto& r : all.requirements) numpy |= r.normalized == "numpy";
  EXPECT_TRUE(numpy);
}

}  // namespace
}  // namespace ballast::python
