// src/compose/: interpolation, merging, extends, profiles, bad input, and the
// BA6xxx rules. Expected values are written by hand from the Compose
// specification and docs/rules.md; the merged model is also compared with
// docker-compose 1.29 itself in tests/e2e/compose_config_test.sh.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "compose/interpolate.h"
#include "compose/lint_compose.h"
#include "compose/project.h"
#include "lint/report.h"
#include "util/error.h"

namespace ballast::compose {
namespace {

const std::string kFixtures = std::string(BALLAST_SOURCE_DIR) + "/tests/unit/compose/fixtures";

std::string interp(const std::string& text, const Environment& env) { return interpolate(text, env, "f.yml:1"); }

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Interpolate, EveryForm) {
  Environment env{{"SET", "v"}, {"EMPTY", ""}};
  EXPECT_EQ(interp("${SET}", env), "v");
  EXPECT_EQ(interp("$SET-x", env), "v-x");
  EXPECT_EQ(interp("${UNSET}", env), "");
  EXPECT_EQ(interp("${UNSET:-d}", env), "d");
  EXPECT_EQ(interp("${EMPTY:-d}", env), "d");
  EXPECT_EQ(interp("${EMPTY-d}", env), "");
  EXPECT_EQ(interp("${UNSET-d}", env), "d");
  EXPECT_EQ(interp("${SET:?e}", env), "v");
  EXPECT_EQ(interp("${EMPTY?e}", env), "");
  EXPECT_EQ(interp("${SET:+alt}", env), "alt");
  EXPECT_EQ(interp("${EMPTY:+alt}", env), "");
  EXPECT_EQ(interp("${EMPTY+alt}", env), "alt");
  EXPECT_EQ(interp("$$SET $${SET}", env), "$SET ${SET}");
  EXPECT_EQ(interp("${UNSET:-${SET}x}", env), "vx");  // nested default (specification)
  EXPECT_EQ(interp("a:${SET}:b", env), "a:v:b");
}

TEST(Interpolate, ErrorsNameTheLine) {
  Environment env{{"EMPTY", ""}};
  EXPECT_EQ(error_of([&] { interp("${UNSET:?must be set}", env); }),
            "f.yml:1: required variable UNSET is missing a value: must be set");
  EXPECT_EQ(error_of([&] { interp("${EMPTY:?e}", env); }), "f.yml:1: required variable EMPTY is missing a value: e");
  EXPECT_EQ(error_of([&] { interp("${UNSET?}", env); }), "f.yml:1: required variable UNSET is missing a value");
  EXPECT_NE(error_of([&] { interp("${OPEN", env); }).find("f.yml:1: invalid interpolation format"), std::string::npos);
  EXPECT_NE(error_of([&] { interp("$1", env); }).find("f.yml:1: invalid interpolation format"), std::string::npos);
  EXPECT_EQ(error_of([&] { interp("${EMPTY}", env); }), "(no error)");  // control
}

TEST(EnvFile, CommentsQuotesExport) {
  Environment env = parse_env_file("# c\nA=1\n\nexport B=two words\nC=\"q v\"\nD='s'\nE=x #note\nF=\n", ".env");
  EXPECT_EQ(env["A"], "1");
  EXPECT_EQ(env["B"], "two words");
  EXPECT_EQ(env["C"], "q v");
  EXPECT_EQ(env["D"], "s");
  EXPECT_EQ(env["E"], "x");
  EXPECT_EQ(env["F"], "");
  EXPECT_EQ(env.size(), 6u);
}

Project load(const std::string& dir, std::vector<std::string> files, std::vector<std::string> profiles = {},
             Environment env = {}) {
  ProjectOptions o;
  for (auto& f : files) o.files.push_back(kFixtures + "/" + dir + "/" + f);
  o.profiles = std::move(profiles);
  o.environment = std::move(env);
  return load_project(o);
}

const Node& service(const Project& p, const std::string& name) {
  const Node* s = p.root.get("services")->get(name);
  EXPECT_NE(s, nullptr) << name;
  static Node none;
  return s ? *s : none;
}

std::vector<std::string> scalars(const Node* n) {
  std::vector<std::string> out;
  if (n) {
    for (const auto& i : n->seq) out.push_back(i.scalar);
  }
  return out;
}

TEST(Merge, OverridesAsComposeMergesThem) {
  Project p = load("oracle/override", {"compose.yml", "compose.dev.yml"});
  const Node& api = service(p, "api");
  // command replaced, whatever its form.
  EXPECT_EQ(api.get("command")->scalar, "flask run --reload");
  // ports/expose/dns appended.
  EXPECT_EQ(scalars(api.get("ports")), (std::vector<std::string>{"8080:80", "5678:5678"}));
  EXPECT_EQ(scalars(api.get("expose")), (std::vector<std::string>{"9000", "1000", "2000"}));
  EXPECT_EQ(scalars(api.get("dns")), (std::vector<std::string>{"8.8.8.8", "9.9.9.9"}));
  // environment/labels: list and mapping forms merged by key.
  EXPECT_EQ(api.get("environment")->str("LOG_LEVEL"), "debug");
  EXPECT_EQ(api.get("environment")->str("REGION"), "eu");
  EXPECT_EQ(api.get("labels")->str("owner"), "team-a");
  EXPECT_EQ(api.get("labels")->str("stage"), "dev");
  // build mapping merged; args merged.
  EXPECT_EQ(api.get("build")->str("target"), "dev");
  EXPECT_EQ(api.get("build")->str("dockerfile"), "Dockerfile.dev");
  EXPECT_EQ(api.get("build")->get("args")->str("PIP_VERSION"), "24.0");
  EXPECT_EQ(api.get("build")->get("args")->str("EXTRA"), "1");
  EXPECT_EQ(api.get("build")->str("context"), kFixtures + "/oracle/override/app");
  // healthcheck merged, its test replaced.
  EXPECT_EQ(scalars(api.get("healthcheck")->get("test")), (std::vector<std::string>{"CMD", "true"}));
  EXPECT_EQ(api.get("healthcheck")->str("interval"), "30s");
  // volumes unique by target: /etc/app from the override.
  ASSERT_EQ(p.services.front().name, "api");
  const auto& vols = p.services.front().volumes;
  ASSERT_EQ(vols.size(), 3u);
  EXPECT_EQ(vols[1].target, "/etc/app");
  EXPECT_EQ(vols[1].source, kFixtures + "/oracle/override/conf-dev");
  EXPECT_TRUE(vols[1].read_only);
  // A value from the override keeps the override's file and line.
  EXPECT_EQ(*api.get("command")->file, kFixtures + "/oracle/override/compose.dev.yml");
  EXPECT_EQ(api.get("command")->line, 7);
  EXPECT_EQ(api.get("image")->line, 8);  // compose.yml's line 8
  EXPECT_NE(p.root.get("services")->get("extra"), nullptr);
}

TEST(Merge, InterpolationFromDotEnvAndTheEnvironment) {
  Project p = load("oracle/interpolation", {"compose.yml"}, {},
                   {{"FROM_SHELL", "shell-value"}, {"OVERRIDDEN", "from-shell"}, {"EMPTY", ""}});
  const Node& app = service(p, "app");
  EXPECT_EQ(app.str("image"), "nginx:1.2.3");                                   // .env
  EXPECT_EQ(app.str("command"), "echo $HOME shell-value from-shell");          // the environment wins over .env
  const Node& env = *app.get("environment");
  EXPECT_EQ(env.str("DEFAULT_COLON"), "fallback");
  EXPECT_EQ(env.str("DEFAULT_DASH"), "");
  EXPECT_EQ(env.str("QUOTED"), "a b c");
  EXPECT_EQ(env.str("SINGLE"), "x y");
  EXPECT_EQ(env.str("EXPORTED"), "yes");
  EXPECT_EQ(env.str("FROM_SHELL"), "shell-value");  // a bare name takes the environment's value
  EXPECT_EQ(env.str("LITERAL"), "$NOT_A_VAR");
  EXPECT_EQ(env.get("LITERAL")->raw, "$$NOT_A_VAR");
}

TEST(Merge, ExtendsSameFileAndOtherFile) {
  Project p = load("oracle/extends", {"compose.yml"});
  const Node& gc = service(p, "grandchild");
  EXPECT_EQ(gc.str("image"), "alpine:3.19");
  EXPECT_EQ(scalars(gc.get("command")), (std::vector<std::string>{"sleep", "2"}));
  EXPECT_EQ(scalars(gc.get("ports")), (std::vector<std::string>{"80:80", "81:81"}));
  EXPECT_EQ(gc.get("environment")->str("SHARED"), "child");
  EXPECT_EQ(gc.get("labels")->str("level"), "3");
  EXPECT_EQ(gc.get("extends"), nullptr);
  const Node& remote = service(p, "remote");
  // Relative paths of the extended file resolve against its own directory.
  EXPECT_EQ(remote.get("build")->str("context"), kFixtures + "/oracle/extends/common/base");
  EXPECT_EQ(remote.get("environment")->str("SHARED"), "remote");
  EXPECT_EQ(remote.get("environment")->str("FROM_FILE"), "1");
}

TEST(Merge, ExtendsIsResolvedInEachFileBeforeMerging) {
  // compose-go's loading phases: extends (6) before merging overrides (7).
  Project p = load("oracle/extends_override", {"compose.yml", "compose.prod.yml"}, {}, {{"PORT", "9090"}});
  const Service* web = nullptr;
  const Service* base = nullptr;
  for (const auto& s : p.services) (s.name == "web" ? web : base) = &s;
  ASSERT_TRUE(web && base);
  ASSERT_EQ(web->volumes.size(), 1u);
  EXPECT_EQ(web->volumes[0].source, kFixtures + "/oracle/extends_override/conf");  // not conf-prod
  EXPECT_EQ(base->volumes[0].source, kFixtures + "/oracle/extends_override/conf-prod");
  EXPECT_EQ(web->node->get("environment")->str("SHARED"), "web");
  EXPECT_EQ(web->node->get("environment")->get("$NOT_A_KEY_VAR")->scalar, "kept");  // keys are not interpolated
  EXPECT_EQ(scalars(web->node->get("ports")), (std::vector<std::string>{"9090:9090"}));
}

TEST(Merge, ResetAndOverrideTags) {
  // The specification's merge section: !reset removes, !override replaces.
  Project p = load("tags", {"compose.yml", "compose.reset.yml"});
  const Node& app = service(p, "app");
  EXPECT_EQ(app.get("ports"), nullptr);
  EXPECT_EQ(app.get("environment")->map.size(), 1u);
  EXPECT_EQ(app.get("environment")->str("C"), "3");
  EXPECT_EQ(app.get("labels")->str("keep"), "yes");  // control: an untagged mapping still merges
  EXPECT_EQ(app.get("labels")->str("more"), "yes");
  EXPECT_EQ(p.root.get("services")->get("debug"), nullptr);
  Project base = load("tags", {"compose.yml"});  // control: without the override both are there
  EXPECT_EQ(scalars(service(base, "app").get("ports")).size(), 2u);
  EXPECT_NE(base.root.get("services")->get("debug"), nullptr);
}

TEST(Merge, ProfilesAndAnchors) {
  Project p = load("oracle/profiles", {"compose.yml"}, {"debug"});
  std::vector<std::string> names;
  for (const auto& s : p.services) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"app", "debugger"}));
  Project all = load("oracle/profiles", {"compose.yml"}, {}, {{"COMPOSE_PROFILES", "debug,tools"}});
  EXPECT_EQ(all.services.size(), 3u);
  Project a = load("oracle/anchors", {"compose.yml"});
  EXPECT_EQ(service(a, "one").str("restart"), "always");
  EXPECT_EQ(service(a, "two").str("restart"), "no");
  EXPECT_EQ(service(a, "two").get("environment")->str("TZ"), "Europe/Paris");
  EXPECT_EQ(service(a, "two").get("environment")->str("LANG"), "C.UTF-8");
}

TEST(BadInput, OneLineNamingFileAndLine) {
  std::string e = kFixtures + "/errors/";
  std::string malformed = error_of([&] { load("errors", {"malformed.yml"}); });
  EXPECT_EQ(malformed.rfind(e + "malformed.yml:", 0), 0u) << malformed;
  EXPECT_NE(malformed.find(": malformed YAML: "), std::string::npos) << malformed;
  EXPECT_EQ(error_of([&] { load("errors", {"nonmap.yml"}); }),
            e + "nonmap.yml:2: service \"web\" must be a mapping");
  EXPECT_EQ(error_of([&] { load("errors", {"required.yml"}); }),
            e + "required.yml:3: required variable NEED_TAG is missing a value: set NEED_TAG");
  EXPECT_EQ(error_of([&] { load("errors", {"required.yml"}, {}, {{"NEED_TAG", "1"}}); }), "(no error)");
  EXPECT_NE(error_of([&] { load("errors", {"cycle.yml"}); }).find("cycle.yml:"), std::string::npos);
  EXPECT_NE(error_of([&] { load("errors", {"cycle.yml"}); }).find("extends cycle: "), std::string::npos);
  EXPECT_EQ(error_of([&] { load("errors", {"ok.yml", "missing.yml"}); }),
            e + "missing.yml: no such Compose file");
  EXPECT_EQ(error_of([&] { load("errors", {"ok.yml"}); }), "(no error)");
  for (const char* f : {"malformed.yml", "nonmap.yml", "required.yml", "cycle.yml"}) {
    EXPECT_EQ(error_of([&] { load("errors", {f}); }).find('\n'), std::string::npos) << f;
  }
}

TEST(BadInput, AliasBombIsRefused) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev) {
    text += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i ? ", *" : "*") + prev;
    text += "]\n";
  }
  EXPECT_NE(error_of([&] { parse_yaml(text, "bomb.yml", "/"); }).find("bomb.yml:"), std::string::npos);
  EXPECT_EQ(error_of([&] { parse_yaml("a: &a [x]\nb: [*a, *a]\n", "small.yml", "/"); }), "(no error)");
}

struct Found {
  std::string id, file, service;
  int line;
};

std::vector<Found> lint_dir(const std::string& dir, std::vector<std::string> profiles = {}) {
  lint::LintRequest request;
  request.search_config = false;
  ComposeLintOptions options;
  options.files = {kFixtures + "/" + dir + "/compose.yml"};
  options.profiles = std::move(profiles);
  lint::LintReport report = lint_all(request, options);
  for (const auto& e : report.errors) ADD_FAILURE() << e.message;
  std::vector<Found> out;
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const auto& f = report.findings[i];
    auto it = report.compose.find(i);
    std::string file = f.location ? f.location->file : "";
    file = file.substr(file.rfind('/') + 1);
    out.push_back({f.id, file, it == report.compose.end() ? "" : it->second.service, f.location ? f.location->line : 0});
  }
  return out;
}

bool has(const std::vector<Found>& fs, const std::string& id, const std::string& service, int line = 0) {
  return std::any_of(fs.begin(), fs.end(), [&](const Found& f) {
    return f.id == id && f.service == service && (line == 0 || f.line == line);
  });
}

int count(const std::vector<Found>& fs, const std::string& id) {
  return static_cast<int>(std::count_if(fs.begin(), fs.end(), [&](const Found& f) { return f.id == id; }));
}

TEST(ComposeRules, EachRuleWithItsControls) {
  auto fs = lint_dir("rules", {"tools"});
  EXPECT_TRUE(has(fs, "BA6001", "db", 25));
  EXPECT_EQ(count(fs, "BA6001"), 1);
  EXPECT_TRUE(has(fs, "BA6002", "proxy", 18));
  EXPECT_EQ(count(fs, "BA6002"), 1);
  EXPECT_TRUE(has(fs, "BA6003", "proxy", 20));  // :ro does not make the socket safe
  EXPECT_EQ(count(fs, "BA6003"), 1);
  // DB_PASSWORD written in the file; not API_TOKEN (interpolated), AUTH_ENABLED (a boolean), *_FILE.
  EXPECT_TRUE(has(fs, "BA6004", "web", 12));
  EXPECT_EQ(count(fs, "BA6004"), 1);
  // traefik (no tag), postgres:latest; not web (it builds its image), not pinned tags.
  EXPECT_TRUE(has(fs, "BA6005", "proxy", 17));
  EXPECT_TRUE(has(fs, "BA6005", "db", 24));
  EXPECT_EQ(count(fs, "BA6005"), 2);
  // db has no healthcheck; web's Dockerfile has one, migrate is one-shot, trainer a tools job.
  EXPECT_TRUE(has(fs, "BA6006", "db", 23));
  EXPECT_EQ(count(fs, "BA6006"), 1);
  EXPECT_TRUE(has(fs, "BA6007", "web", 3));
  EXPECT_EQ(count(fs, "BA6007"), 1);
  // web's models mount; not the database's data, not trainer's weights (it trains), not infer's (:ro).
  EXPECT_TRUE(has(fs, "BA6008", "web", 9));
  EXPECT_EQ(count(fs, "BA6008"), 1);
  // COPY . /app bakes models/ under the /app/models mount; not src/ (a source mount is not data).
  EXPECT_TRUE(has(fs, "BA6009", "web", 9));
  EXPECT_EQ(count(fs, "BA6009"), 1);
  // The Dockerfile's own findings, at its lines, naming the service.
  bool dockerfile_finding = std::any_of(fs.begin(), fs.end(), [](const Found& f) {
    return f.file == "Dockerfile" && f.service == "web" && f.id == "BA3002" && f.line == 2;
  });
  EXPECT_TRUE(dockerfile_finding);
  // build.args reach ARG expansion: python:3.12-slim, so no "use a slim variant".
  EXPECT_EQ(count(fs, "BA1013"), 0);
}

TEST(ComposeRules, ArgsControlWithoutCompose) {
  // The positive control of the BA1013 absence above: the same Dockerfile without the arg.
  lint::LintRequest request;
  request.search_config = false;
  request.files = {kFixtures + "/rules/web/Dockerfile"};
  auto report = lint::lint_files(request);
  EXPECT_TRUE(std::any_of(report.findings.begin(), report.findings.end(),
                          [](const model::Finding& f) { return f.id == "BA1013"; }));
}

TEST(ComposeRules, BuildTargetChoosesTheStage) {
  auto fs = lint_dir("target");
  EXPECT_TRUE(has(fs, "BA1016", "dev"));   // pytest in the final stage when dev is built
  EXPECT_FALSE(has(fs, "BA1016", "base"));  // base stops before it
  EXPECT_TRUE(has(fs, "BA6007", "dev"));
  EXPECT_FALSE(has(fs, "BA6007", "base"));  // it has cache_from
}

TEST(ComposeRules, InlineSuppressions) {
  auto fs = lint_dir("suppress");
  // The comment alone above `volumes:` names another line: proxy's socket mount is still reported.
  EXPECT_TRUE(has(fs, "BA6003", "proxy", 7));
  EXPECT_FALSE(has(fs, "BA6003", "builder"));  // a trailing comment on the finding's line
  EXPECT_TRUE(has(fs, "BA6003", "watcher", 15));  // control: no comment
  EXPECT_EQ(count(fs, "BA6006"), 0);            // global ignore
}

TEST(ComposeLint, FileNamesAreDetected) {
  EXPECT_TRUE(is_compose_file_name("compose.yaml"));
  EXPECT_TRUE(is_compose_file_name("a/b/docker-compose.yml"));
  EXPECT_TRUE(is_compose_file_name("docker-compose.yaml"));
  EXPECT_TRUE(is_compose_file_name("compose.yml"));
  EXPECT_FALSE(is_compose_file_name("Dockerfile"));
  EXPECT_FALSE(is_compose_file_name("my-compose.yml"));
}

}  // namespace
}  // namespace ballast::compose
