// The JSON docs name every field the commands write, so they cannot drift:
// the golden outputs (tests/unit/golden/expected, which
// Golden.OutputsAreByteIdentical keeps equal to what the CLI prints today)
// are walked key by key. analyze: each key must be named, as `key`, in the
// row of its top-level field in docs/json-schema.md's "kind `analyze`"
// table, and each row not marked as conditional ("only with", "with
// attribution") must be in the default output. context, deps and lint
// document their JSON on their own pages: each key must be named in that
// page's JSON section (`key`, "key", or in a {a, b} list). check, diff, fix
// and slim: each top-level field has a row in its kind's table, each key
// below it is named in that kind's section.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "../image/temp_dir.h"
#include "../support/run_command.h"

namespace ballast::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Field name (without "[]") -> the whole table row, for one "## kind `K`" section.
std::map<std::string, std::string> documented_fields(const std::string& doc, const std::string& kind) {
  std::map<std::string, std::string> rows;
  const std::string heading = "## kind `" + kind + "`";
  std::size_t start = doc.find(heading);
  if (start == std::string::npos) return rows;
  std::size_t end = doc.find("\n## ", start + heading.size());
  std::istringstream lines(doc.substr(start, end == std::string::npos ? std::string::npos : end - start));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    const std::size_t cell_end = line.find(" |", 2);
    const std::string cell = line.substr(2, cell_end - 2);  // "`a`, `b`" or "`layers[]`"
    for (std::size_t i = cell.find('`'); i != std::string::npos; i = cell.find('`', i + 1)) {
      const std::size_t j = cell.find('`', i + 1);
      std::string name = cell.substr(i + 1, j - i - 1);
      if (name.size() > 2 && name.compare(name.size() - 2, 2, "[]") == 0) name.resize(name.size() - 2);
      rows[name] = line;
      i = j;
    }
  }
  return rows;
}

// Every key below `value` (objects, and the objects inside arrays), except
// inside maps whose keys are the image's own data (labels).
void collect_keys(const json& value, std::set<std::string>& keys) {
  if (value.is_array()) {
    for (const auto& v : value) collect_keys(v, keys);
  } else if (value.is_object()) {
    for (const auto& [k, v] : value.items()) {
      keys.insert(k);
      if (k != "labels") collect_keys(v, keys);
    }
  }
}

const std::set<std::string> kEnvelope = {"schema", "schema_version", "kind", "tool"};

TEST(JsonSchemaDoc, EveryAnalyzeFieldOfTheGoldenOutputsIsDocumented) {
  const fs::path src(BALLAST_SOURCE_DIR);
  const std::string doc = read(src / "docs/json-schema.md");
  const auto rows = documented_fields(doc, "analyze");
  ASSERT_GT(rows.size(), 10u) << "the analyze table was not found in docs/json-schema.md";
  int documents = 0;
  for (const auto& entry : fs::directory_iterator(src / "tests/unit/golden/expected")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("analyze_", 0) != 0 || entry.path().extension() != ".json") continue;
    const json out = json::parse(read(entry.path()));
    ASSERT_EQ(out.at("kind"), "analyze") << name;
    ++documents;
    for (const auto& [field, value] : out.items()) {
      if (kEnvelope.count(field)) continue;
      auto row = rows.find(field);
      ASSERT_NE(row, rows.end()) << name << ": top-level field `" << field << "` has no row in docs/json-schema.md";
      std::set<std::string> keys;
      collect_keys(value, keys);
      for (const std::string& k : keys) {
        EXPECT_NE(row->second.find("`" + k + "`"), std::string::npos)
            << name << ": `" << field << "` holds `" << k << "`, which its row in docs/json-schema.md does not name";
      }
    }
  }
  EXPECT_GE(documents, 4);
}

TEST(JsonSchemaDoc, EveryUnconditionalAnalyzeRowIsInTheDefaultOutput) {
  const fs::path src(BALLAST_SOURCE_DIR);
  const auto rows = documented_fields(read(src / "docs/json-schema.md"), "analyze");
  const json out = json::parse(read(src / "tests/unit/golden/expected/analyze_example.json"));
  int unconditional = 0;
  for (const auto& [field, row] : rows) {
    if (row.find("only with") != std::string::npos || row.find("with attribution") != std::string::npos) continue;
    ++unconditional;
    EXPECT_TRUE(out.contains(field)) << "docs/json-schema.md documents `" << field
                                     << "` as always written, but analyze_example.json has none";
  }
  EXPECT_GE(unconditional, 8);  // image, totals, layers, history, reclaimable, ...
}

// The "## JSON..." section of a command's page.
std::string json_section(const std::string& doc) {
  std::size_t start = doc.find("\n## JSON");
  if (start == std::string::npos) return {};
  std::size_t end = doc.find("\n## ", start + 4);
  return doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

bool names_key(const std::string& section, const std::string& key) {
  if (section.find("`" + key + "`") != std::string::npos) return true;
  if (section.find("\"" + key + "\"") != std::string::npos) return true;
  for (std::size_t i = section.find(key); i != std::string::npos; i = section.find(key, i + 1)) {
    const char before = i ? section[i - 1] : ' ';
    const char after = i + key.size() < section.size() ? section[i + key.size()] : ' ';
    const std::string_view opens = "`.{", closes = "`[.";
    // `rules[]`, `totals.sent`, `{path, ...`
    if (opens.find(before) != std::string_view::npos && (closes.find(after) != std::string_view::npos || after == ','))
      return true;
    // inside a {a, b, c?, d[] {...}} list
    if ((before == ' ' || before == '{') && (after == ',' || after == '}' || after == '?' || after == '[')) return true;
  }
  return false;
}

TEST(JsonSchemaDoc, ContextDepsAndLintFieldsAreNamedOnTheirPages) {
  const fs::path src(BALLAST_SOURCE_DIR);
  const struct {
    const char* doc;
    const char* kind;
  } pages[] = {{"docs/context.md", "context"}, {"docs/deps.md", "deps"}, {"docs/lint.md", "lint"}};
  for (const auto& page : pages) {
    const std::string section = json_section(read(src / page.doc));
    ASSERT_FALSE(section.empty()) << page.doc << " has no \"## JSON\" section";
    int documents = 0;
    for (const auto& entry : fs::directory_iterator(src / "tests/unit/golden/expected")) {
      if (entry.path().extension() != ".json") continue;
      const json out = json::parse(read(entry.path()));
      if (!out.is_object() || out.value("kind", "") != page.kind) continue;
      ++documents;
      std::set<std::string> keys;
      for (const auto& [field, value] : out.items()) {
        if (kEnvelope.count(field)) continue;
        keys.insert(field);
        collect_keys(value, keys);
      }
      for (const std::string& k : keys) {
        EXPECT_TRUE(names_key(section, k))
            << entry.path().filename().string() << ": `" << k << "` is not named in " << page.doc << "'s JSON section";
      }
    }
    EXPECT_GE(documents, 1) << "no golden output of kind " << page.kind;
  }
}

// The text of one "## kind `K`" section (with its sub-tables).
std::string kind_section(const std::string& doc, const std::string& kind) {
  const std::string heading = "## kind `" + kind + "`";
  std::size_t start = doc.find(heading);
  if (start == std::string::npos) return {};
  std::size_t end = doc.find("\n## ", start + heading.size());
  return doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Every name a section's tables give in backquotes, split at dots and
// brackets: `before.tag` names `before` and `tag`, `changes[]` names `changes`.
std::set<std::string> backquoted_names(const std::string& section) {
  std::set<std::string> names;
  for (std::size_t i = section.find('`'); i != std::string::npos; i = section.find('`', i + 1)) {
    const std::size_t j = section.find('`', i + 1);
    if (j == std::string::npos) break;
    std::string word = section.substr(i + 1, j - i - 1);
    std::string part;
    for (char c : word + ".") {
      if (c == '.' || c == '[' || c == ']' || c == ' ' || c == ',') {
        if (!part.empty()) names.insert(part);
        part.clear();
      } else {
        part += c;
      }
    }
    i = j;
  }
  return names;
}

// check, diff, fix, slim: each top-level field has its own row in its kind's
// table; each key below it is named somewhere in that section's tables
// (their sub-tables name the fields of nested objects as `before.tag`).
TEST(JsonSchemaDoc, EveryFieldOfTheOtherKindsIsDocumented) {
  const fs::path src(BALLAST_SOURCE_DIR);
  const std::string doc = read(src / "docs/json-schema.md");
  std::map<std::string, int> documents;
  for (const char* k : {"check", "diff", "fix", "slim"}) documents[k] = 0;
  for (const auto& entry : fs::directory_iterator(src / "tests/unit/golden/expected")) {
    if (entry.path().extension() != ".json") continue;
    const std::string name = entry.path().filename().string();
    const json out = json::parse(read(entry.path()));
    if (!out.is_object() || !documents.count(out.value("kind", ""))) continue;
    const std::string kind = out.at("kind");
    ++documents[kind];
    const auto rows = documented_fields(doc, kind);
    const auto own_names = backquoted_names(kind_section(doc, kind));
    for (const auto& [field, value] : out.items()) {
      if (kEnvelope.count(field)) continue;
      auto row = rows.find(field);
      EXPECT_NE(row, rows.end()) << name << ": top-level field `" << field << "` has no row in kind `" << kind
                                 << "` of docs/json-schema.md";
      // A row that says its objects are analyze's ("findings as in `analyze`",
      // "analyze's `cost` object") lets analyze's table name their keys.
      auto names = own_names;
      if (row != rows.end() && (row->second.find("as in `analyze`") != std::string::npos ||
                                row->second.find("analyze's") != std::string::npos))
        names.merge(backquoted_names(kind_section(doc, "analyze")));
      std::set<std::string> keys;
      collect_keys(value, keys);
      for (const std::string& k : keys) {
        // Maps keyed by data: rule ids (findings_before), categories, reasons, drop rules.
        if (field == "findings_before" || field == "findings_after" || field == "dropped_by_rule") continue;
        EXPECT_TRUE(names.count(k)) << name << ": `" << field << "` holds `" << k << "`, which kind `" << kind
                                    << "` of docs/json-schema.md does not name";
      }
    }
  }
  for (const auto& [kind, n] : documents) EXPECT_GE(n, 1) << "no golden output of kind " << kind;
}

// version, cache and history print what this machine and its stores hold,
// so they have no golden output: the test runs them (in a directory of its
// own, with a history it records itself) and walks what they print.
TEST(JsonSchemaDoc, VersionCacheAndHistoryFieldsAreDocumented) {
  const fs::path src(BALLAST_SOURCE_DIR);
  const std::string doc = read(src / "docs/json-schema.md");
  TempDir dir;
  const std::string cd = "cd '" + dir.path() + "' && ";
  const std::string bin = BALLAST_BINARY;
  ASSERT_EQ(std::system((std::string(BALLAST_EXAMPLE_IMAGE_TOOL) + " '" + dir.path() + "/example.tar'").c_str()), 0);
  ASSERT_EQ(run_command(cd + bin + " analyze example.tar --no-config --cache-dir cache --record --history runs.db" +
                        " >/dev/null 2>&1")
                .code,
            0);
  const struct {
    const char* kind;
    std::string command;
  } runs[] = {{"version", bin + " version --format json"},
              {"cache", bin + " cache info --cache-dir cache --format json"},
              {"history", bin + " history --history runs.db --format json"}};
  for (const auto& r : runs) {
    SCOPED_TRACE(r.kind);
    CommandResult res = run_command(cd + r.command + " 2>/dev/null");
    ASSERT_EQ(res.code, 0) << r.command;
    const json out = json::parse(res.out);
    ASSERT_EQ(out.at("kind"), r.kind);
    const auto rows = documented_fields(doc, r.kind);
    const auto names = backquoted_names(kind_section(doc, r.kind));
    for (const auto& [field, value] : out.items()) {
      if (kEnvelope.count(field)) continue;
      EXPECT_TRUE(rows.count(field)) << "top-level field `" << field << "` has no row in kind `" << r.kind << "`";
      std::set<std::string> keys;
      collect_keys(value, keys);
      for (const std::string& k : keys) {
        if (field == "runs" && out.at("runs").size() && out["runs"][0].contains("categories") &&
            out["runs"][0]["categories"].is_object() && out["runs"][0]["categories"].contains(k))
          continue;  // a category name, the image's data
        if (field == "runs" && (k == "info" || k == "warning" || k == "error")) {
          EXPECT_TRUE(names.count(k) || kind_section(doc, r.kind).find(k) != std::string::npos) << k;
          continue;
        }
        EXPECT_TRUE(names.count(k)) << "`" << field << "` holds `" << k << "`, which kind `" << r.kind
                                    << "` of docs/json-schema.md does not name";
      }
    }
    if (std::string(r.kind) == "history") {
      EXPECT_EQ(out.at("runs").size(), 1u);
    }
  }
}

}  // namespace
}  // namespace ballast::testing
