// BuildKit's own test vectors (../shared/conformance/buildkit, see its
// README), one test case per vector so a failure names the case. When the
// folder is absent every suite runs one case that skips, loudly.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dockerfile/dump.h"
#include "dockerfile/parser.h"
#include "dockerfile/shell_lex.h"

namespace fs = std::filesystem;
namespace df = ballast::dockerfile;

namespace {

const fs::path kBuildkit = fs::path(BALLAST_CONFORMANCE_DIR) / "buildkit";
constexpr const char* kAbsent = "<conformance folder absent>";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string sanitize(std::string s) {
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

std::vector<std::string> case_dirs(const char* sub) {
  std::vector<std::string> names;
  const fs::path dir = kBuildkit / "parser" / sub;
  if (!fs::is_directory(dir)) return {kAbsent};
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string trim(std::string_view s) {
  const std::string_view t = s.substr(0, s.size());
  std::size_t b = 0;
  std::size_t e = t.size();
  while (b < e && std::isspace(static_cast<unsigned char>(t[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(t[e - 1]))) --e;
  return std::string(t.substr(b, e - b));
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return parts;
}

std::string param_name(const testing::TestParamInfo<std::string>& info) {
  return info.param == kAbsent ? "absent" : sanitize(info.param);
}

// ---- parser/testfiles: dump equals result ----------------------------------

class ParserDump : public testing::TestWithParam<std::string> {};

TEST_P(ParserDump, MatchesBuildkitResult) {
  if (GetParam() == kAbsent) GTEST_SKIP() << "SKIPPED: BuildKit conformance vectors not found at " << kBuildkit;
  const fs::path dir = kBuildkit / "parser" / "testfiles" / GetParam();
  const df::ParsedDockerfile parsed = df::parse_dockerfile(read_file(dir / "Dockerfile"));
  std::string expected = read_file(dir / "result");
  if (!expected.empty() && expected.back() != '\n') expected += '\n';
  EXPECT_EQ(df::dump(parsed), expected);
}

INSTANTIATE_TEST_SUITE_P(Buildkit, ParserDump, testing::ValuesIn(case_dirs("testfiles")), param_name);

// ---- parser/testfiles-negative: must fail ----------------------------------

class ParserNegative : public testing::TestWithParam<std::string> {};

TEST_P(ParserNegative, IsRejected) {
  if (GetParam() == kAbsent) GTEST_SKIP() << "SKIPPED: BuildKit conformance vectors not found at " << kBuildkit;
  const fs::path file = kBuildkit / "parser" / "testfiles-negative" / GetParam() / "Dockerfile";
  EXPECT_THROW(df::parse_dockerfile(read_file(file)), df::ParseError);
}

INSTANTIATE_TEST_SUITE_P(Buildkit, ParserNegative, testing::ValuesIn(case_dirs("testfiles-negative")),
                         param_name);

// ---- parser/testfile-line: start/end lines ----------------------------------

TEST(ParserLines, MatchExpectedJson) {
  const fs::path dir = kBuildkit / "parser" / "testfile-line";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "SKIPPED: BuildKit conformance vectors not found at " << kBuildkit;
  const df::ParsedDockerfile parsed = df::parse_dockerfile(read_file(dir / "Dockerfile"));
  const nlohmann::json expected = nlohmann::json::parse(read_file(dir / "expected.json"));
  EXPECT_EQ(parsed.start_line, expected["start_line"].get<int>());
  EXPECT_EQ(parsed.end_line, expected["end_line"].get<int>());
  const auto& lines = expected["instructions"];
  ASSERT_EQ(parsed.instructions.size(), lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(parsed.instructions[i].start_line, lines[i][0].get<int>()) << "instruction " << i;
    EXPECT_EQ(parsed.instructions[i].end_line, lines[i][1].get<int>()) << "instruction " << i;
  }
}

// ---- shell/envVarTest and shell/wordsTest ------------------------------------

struct ShellCase {
  std::string name;      // "line_12"
  std::string input;
  std::string expected;  // envVarTest: the word; wordsTest: comma-joined words
  std::vector<std::pair<std::string, std::string>> env;  // wordsTest only
};

void PrintTo(const ShellCase& c, std::ostream* os) { *os << c.name << ": " << c.input; }

std::vector<ShellCase> env_var_cases() {
  const fs::path file = kBuildkit / "shell" / "envVarTest";
  if (!fs::exists(file)) return {ShellCase{kAbsent, "", "", {}}};
  std::vector<ShellCase> cases;
  std::istringstream in(read_file(file));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.rfind('#', 0) == 0) continue;
    line = trim(line);
    if (line.empty()) continue;
    const std::vector<std::string> parts = split(line, '|');
    if (parts.size() != 3) continue;
    const std::string platform = trim(parts[0]);
    if (platform != "A" && platform != "U") continue;  // W: Windows only
    cases.push_back(ShellCase{"line_" + std::to_string(line_no), trim(parts[1]), trim(parts[2]), {}});
  }
  return cases;
}

std::vector<ShellCase> words_cases() {
  const fs::path file = kBuildkit / "shell" / "wordsTest";
  if (!fs::exists(file)) return {ShellCase{kAbsent, "", "", {}}};
  std::vector<ShellCase> cases;
  std::vector<std::pair<std::string, std::string>> env;
  std::istringstream in(read_file(file));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.rfind('#', 0) == 0) continue;
    if (line.rfind("ENV ", 0) == 0) {
      std::string kv = line.substr(3);
      kv.erase(0, kv.find_first_not_of(' '));
      const std::size_t eq = kv.find('=');
      env.emplace_back(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
      continue;
    }
    const std::vector<std::string> parts = split(line, '|');
    if (parts.size() != 2) continue;
    std::string expected = parts[1];
    expected.erase(0, expected.find_first_not_of(' '));  // TrimLeft only, as BuildKit's test
    cases.push_back(ShellCase{"line_" + std::to_string(line_no), trim(parts[0]), expected, env});
  }
  return cases;
}

std::string shell_name(const testing::TestParamInfo<ShellCase>& info) {
  return info.param.name == kAbsent ? "absent" : info.param.name;
}

class EnvVarTest : public testing::TestWithParam<ShellCase> {};

TEST_P(EnvVarTest, ExpandsLikeBuildkit) {
  const ShellCase& c = GetParam();
  if (c.name == kAbsent) GTEST_SKIP() << "SKIPPED: BuildKit conformance vectors not found at " << kBuildkit;
  const df::Env env{{"PWD", "/home"}, {"SHELL", "bash"}, {"KOREAN", "한국어"}, {"NULL", ""}};
  if (c.expected == "error") {
    EXPECT_THROW(df::expand_word(c.input, env), df::ShellError) << c.input;
  } else {
    EXPECT_EQ(df::expand_word(c.input, env), c.expected) << c.input;
  }
}

INSTANTIATE_TEST_SUITE_P(Buildkit, EnvVarTest, testing::ValuesIn(env_var_cases()), shell_name);

class WordsTest : public testing::TestWithParam<ShellCase> {};

TEST_P(WordsTest, SplitsLikeBuildkit) {
  const ShellCase& c = GetParam();
  if (c.name == kAbsent) GTEST_SKIP() << "SKIPPED: BuildKit conformance vectors not found at " << kBuildkit;
  df::Env env;
  for (const auto& [k, v] : c.env) env.set(k, v);
  std::vector<std::string> words;
  try {
    words = df::expand_words(c.input, env);
  } catch (const df::ShellError&) {
    words = {"error"};
  }
  EXPECT_EQ(words, split(c.expected, ',')) << c.input;
}

INSTANTIATE_TEST_SUITE_P(Buildkit, WordsTest, testing::ValuesIn(words_cases()), shell_name);

}  // namespace
