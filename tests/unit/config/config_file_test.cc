// .ballast.yaml as a whole: the schema table, file:line errors with "did you
// mean", typed values, the upward search, and docs/config.md covering every
// section and key.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <unistd.h>

#include "config/config_file.h"
#include "config/schema.h"
#include "util/error.h"

namespace ballast::config {
namespace {

struct Failure {
  std::string message;
  std::string hint;
};

Failure failure_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return {e.what(), e.hint()};
  }
  return {"<no error>", ""};
}

TEST(Schema, SectionsSortedUniqueAndKnown) {
  auto all = sections();
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].name, all[i].name);
  for (const char* name : {"analyze", "check", "context", "deps", "history", "lint"})
    EXPECT_NE(find_section(name), nullptr) << name;
  EXPECT_EQ(find_section("lnt"), nullptr);
}

TEST(Schema, ClosestNameWithinTwoEdits) {
  const std::string_view known[] = {"ignore", "enable", "severity"};
  EXPECT_EQ(closest("ignroe", known), "ignore");  // a transposition: one edit (Damerau)
  EXPECT_EQ(closest("enabel", known), "enable");
  EXPECT_EQ(closest("severty", known), "severity");
  EXPECT_EQ(closest("colour", known), "");
}

TEST(ConfigFile, UnknownSectionAndKeyNameFileLineAndSuggest) {
  Failure section = failure_of([] { ConfigFile::parse("lint: {}\nanalyse:\n  base_layers: 1\n", "p.yaml"); });
  EXPECT_EQ(section.message, "p.yaml:2: unknown section 'analyse' (analyze, cache, check, context, cost, deps, history, lint)");
  EXPECT_EQ(section.hint, "did you mean 'analyze'?");

  Failure key = failure_of([] { ConfigFile::parse("context:\n  engine: buildkit\n  topp: 3\n", "p.yaml"); });
  EXPECT_EQ(key.message, "p.yaml:3: context.topp: unknown key (engine, top, big_file_mb, walk_threads, strict)");
  EXPECT_EQ(key.hint, "did you mean 'top'?");

  // Issue 23's example: a misspelt lint key, still named by file:line.
  Failure sevrity = failure_of([] { ConfigFile::parse("lint:\n  ignore: [BA1001]\n  sevrity: {}\n", "p.yaml"); });
  EXPECT_EQ(sevrity.message.rfind("p.yaml:3: lint.sevrity: unknown key (", 0), 0u) << sevrity.message;
  EXPECT_EQ(sevrity.hint, "did you mean 'severity'?");

  Failure far = failure_of([] { ConfigFile::parse("deps:\n  colours: 3\n", "p.yaml"); });
  EXPECT_EQ(far.message, "p.yaml:2: deps.colours: unknown key (python_version, exclude, dockerignore, fail_on)");
  EXPECT_EQ(far.hint, "");

  Failure history = failure_of([] { ConfigFile::parse("history:\n  url: x\n  uri: y\n", "p.yaml"); });
  EXPECT_EQ(history.message, "p.yaml:3: history.uri: unknown key (url)");
  EXPECT_EQ(history.hint, "did you mean 'url'?");

  Failure budget = failure_of([] { ConfigFile::parse("check:\n  max_stord: 1GB\n", "p.yaml"); });
  EXPECT_EQ(budget.message.rfind("p.yaml:2: check.max_stord: unknown key (max_stored, max_final,", 0), 0u) << budget.message;
  EXPECT_EQ(budget.hint, "did you mean 'max_stored'?");
}

TEST(ConfigFile, ShapesAndYamlErrors) {
  EXPECT_EQ(failure_of([] { ConfigFile::parse("- a\n- b\n", "s.yaml"); }).message,
            "s.yaml:1: expected a mapping of sections at the top level");
  EXPECT_EQ(failure_of([] { ConfigFile::parse("lint: 3\n", "s.yaml"); }).message, "s.yaml:1: 'lint' must be a mapping");
  EXPECT_EQ(failure_of([] { ConfigFile::parse("lint: [unclosed\n", "s.yaml"); }).message.rfind("s.yaml:", 0), 0u);
  // Empty files and empty sections are fine.
  EXPECT_FALSE(ConfigFile::parse("", "s.yaml").section("lint"));
  ASSERT_TRUE(ConfigFile::parse("lint:\n", "s.yaml").section("lint"));
}

TEST(ConfigFile, TypedValuesKeepTheirLine) {
  ConfigFile f = ConfigFile::parse("context:\n  top: 12\n  strict: true\ndeps:\n  exclude: tests/**\n", "v.yaml");
  auto context = f.section("context");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->get("top")->count("context.top"), 12u);
  EXPECT_TRUE(context->get("strict")->boolean("context.strict"));
  EXPECT_EQ(context->get("strict")->line(), 3);
  EXPECT_FALSE(context->get("engine"));
  EXPECT_EQ(f.section("deps")->get("exclude")->string_list("deps.exclude"), std::vector<std::string>{"tests/**"});

  ConfigFile bad = ConfigFile::parse("context:\n  top: -4\n  strict: maybe\n", "v.yaml");
  EXPECT_EQ(failure_of([&] { bad.section("context")->get("top")->count("context.top"); }).message,
            "v.yaml:2: context.top: expected a number (0 or more), not '-4'");
  EXPECT_EQ(failure_of([&] { bad.section("context")->get("strict")->boolean("context.strict"); }).message,
            "v.yaml:3: context.strict must be true or false, not 'maybe'");
}

TEST(ConfigFile, FoundUpwardAndResolved) {
  auto root = std::filesystem::temp_directory_path() / ("ballast-config-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "a" / "b");
  std::ofstream(root / ".ballast.yml") << "context:\n  top: 7\n";
  auto found = find_config_file(root / "a" / "b");
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, root / ".ballast.yml");
  EXPECT_EQ(resolve_config("", false, root / "a").path(), (root / ".ballast.yml").string());
  EXPECT_EQ(resolve_config("", true, root / "a").path(), "");  // --no-config
  EXPECT_EQ(failure_of([&] { resolve_config((root / "none.yaml").string(), false, root); }).message,
            (root / "none.yaml").string() + ": cannot read the configuration file");
  std::filesystem::remove_all(root);
}

// docs/config.md documents every section (a "## `name:`" heading) and every
// key (a "| `key` |" table row under it).
TEST(ConfigDocs, EverySectionAndKeyDocumented) {
  std::ifstream in(std::string(BALLAST_SOURCE_DIR) + "/docs/config.md");
  ASSERT_TRUE(in) << "docs/config.md missing";
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  for (const SectionSpec& s : sections()) {
    const std::string heading = "## `" + std::string(s.name) + ":`";
    const std::size_t at = doc.find(heading);
    ASSERT_NE(at, std::string::npos) << heading;
    const std::size_t next = doc.find("\n## ", at + 1);
    const std::string part = doc.substr(at, next == std::string::npos ? std::string::npos : next - at);
    for (const KeySpec& k : s.keys)
      EXPECT_NE(part.find("| `" + std::string(k.name) + "` |"), std::string::npos) << s.name << "." << k.name;
  }
}

}  // namespace
}  // namespace ballast::config
