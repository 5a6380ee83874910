// Each fix on small Dockerfiles whose expected text is written out here by
// hand, and the cases where ballast must withhold a fix (with a positive
// control next to each): comments, layout and line endings kept elsewhere.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "fix/fix.h"
#include "util/error.h"

namespace ballast::fix {
namespace {

FixResult fix(const std::string& text, FixOptions o = {}) {
  if (!o.context_dir) o.context_dir = "/nonexistent-context";
  return fix_text(text, "Dockerfile", o);
}

std::string fixed(const std::string& text, FixOptions o = {}) { return fix(text, o).fixed; }

bool withheld(const FixResult& r, const std::string& id, const std::string& words) {
  for (const auto& w : r.withheld) {
    if (w.id == id && w.reason.find(words) != std::string::npos) return true;
  }
  return false;
}

TEST(Fix, AptFlagAndListsKeepLayout) {
  const std::string in =
      "FROM debian:12\n"
      "# tools\n"
      "RUN apt-get update && \\\n"
      "    # the compilers\n"
      "    apt-get install -y \\\n"
      "      gcc make\n"
      "CMD [\"make\"]\n";
  const std::string out =
      "FROM debian:12\n"
      "# tools\n"
      "RUN apt-get update && \\\n"
      "    # the compilers\n"
      "    apt-get install --no-install-recommends -y \\\n"
      "      gcc make && \\\n"
      "      rm -rf /var/lib/apt/lists/*\n"
      "CMD [\"make\"]\n";
  EXPECT_EQ(fixed(in), out);
}

TEST(Fix, LeadingAmpersandLayout) {
  EXPECT_EQ(fixed("FROM debian:12\nRUN apt-get update \\\n  && apt-get install -y --no-install-recommends curl\n"),
            "FROM debian:12\nRUN apt-get update \\\n  && apt-get install -y --no-install-recommends curl \\\n"
            "  && rm -rf /var/lib/apt/lists/*\n");
}

TEST(Fix, ListsWithheldAfterAComment) {
  auto r = fix("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl # net\n");
  EXPECT_TRUE(withheld(r, "BA1002", "comment"));
  // Control: without the comment it is fixed.
  EXPECT_NE(fixed("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n")
                .find("&& rm -rf /var/lib/apt/lists/*"),
            std::string::npos);
}

TEST(Fix, CacheMountsAddSyntax) {
  FixOptions o;
  o.cache_mounts = true;
  EXPECT_EQ(fixed("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n", o),
            "# syntax=docker/dockerfile:1\nFROM debian:12\n"
            "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked "
            "--mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y "
            "--no-install-recommends curl\n");
}

TEST(Fix, PipApkFlags) {
  EXPECT_EQ(fixed("FROM python:3.12-slim\nRUN pip install flask && python -m pip install gunicorn\n"),
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask && python -m pip install --no-cache-dir "
            "gunicorn\n");
  EXPECT_EQ(fixed("FROM alpine:3.20\nRUN apk add curl\n"), "FROM alpine:3.20\nRUN apk add --no-cache curl\n");
}

TEST(Fix, PipCacheMountOnlyAsRoot) {
  FixOptions o;
  o.cache_mounts = true;
  EXPECT_EQ(fixed("FROM python:3.12-slim\nRUN pip install flask\n", o),
            "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\n"
            "RUN --mount=type=cache,target=/root/.cache/pip,sharing=locked pip install flask\n");
  // As another user the cache lives elsewhere: the flag instead.
  EXPECT_EQ(fixed("FROM python:3.12-slim\nUSER app\nRUN pip install flask\n", o),
            "FROM python:3.12-slim\nUSER app\nRUN pip install --no-cache-dir flask\n");
}

TEST(Fix, CrlfKept) {
  EXPECT_EQ(fixed("FROM alpine:3.20\r\nRUN apk add \\\r\n  curl\r\n"),
            "FROM alpine:3.20\r\nRUN apk add --no-cache \\\r\n  curl\r\n");
}

TEST(Fix, AddToCopyKeepsCase) {
  EXPECT_EQ(fixed("from alpine:3.20\nadd a.txt /a.txt\n"), "from alpine:3.20\ncopy a.txt /a.txt\n");
  EXPECT_EQ(fixed("FROM alpine:3.20\nADD --chown=1:1 a.txt /a.txt\n"),
            "FROM alpine:3.20\nCOPY --chown=1:1 a.txt /a.txt\n");
  // ADD of an archive extracts it: not touched (no BA4021).
  EXPECT_EQ(fixed("FROM alpine:3.20\nADD a.tar.gz /a/\n"), "FROM alpine:3.20\nADD a.tar.gz /a/\n");
}

TEST(Fix, JsonForm) {
  EXPECT_EQ(fixed("FROM alpine:3.20\nCMD exec python3 -m http.server 8000\n"),
            "FROM alpine:3.20\nCMD [\"python3\", \"-m\", \"http.server\", \"8000\"]\n");
  for (const char* cmd : {"CMD echo $HOME", "CMD a && b", "CMD echo 'x y'", "CMD ls *.txt", "CMD FOO=1 run",
                          "CMD run > /log"}) {
    SCOPED_TRACE(cmd);
    auto r = fix(std::string("FROM alpine:3.20\n") + cmd + "\n");
    EXPECT_FALSE(r.changed());
    EXPECT_FALSE(r.withheld.empty());
  }
  // ENTRYPOINT with a CMD in the stage: CMD would become its arguments.
  auto r = fix("FROM alpine:3.20\nENTRYPOINT run\nCMD [\"x\"]\n");
  EXPECT_TRUE(withheld(r, "BA4005", "CMD"));
  EXPECT_EQ(fixed("FROM alpine:3.20\nENTRYPOINT run --fast\n"), "FROM alpine:3.20\nENTRYPOINT [\"run\", \"--fast\"]\n");
}

TEST(Fix, ChownBecomesCopyFlag) {
  EXPECT_EQ(fixed("FROM debian:12\nRUN useradd app\nCOPY src /srv\nRUN chown -R app:app /srv\nUSER app\n"),
            "FROM debian:12\nRUN useradd app\nCOPY --chown=app:app src /srv\nRUN chown app:app /srv\nUSER app\n");
  // A RUN between the COPY and the chown may have written there.
  FixOptions no_merge;
  no_merge.except = {"BA2004"};
  auto r = fix("FROM debian:12\nCOPY src /srv\nRUN touch /srv/x\nRUN chown -R 1000 /srv\nUSER 1000\n", no_merge);
  EXPECT_TRUE(withheld(r, "BA1010", "RUN at line 3"));
  // So may a command before it in the same RUN (the two RUNs above, joined by BA2004's fix).
  r = fix("FROM debian:12\nCOPY src /srv\nRUN touch /srv/x\nRUN chown -R 1000 /srv\nUSER 1000\n");
  EXPECT_EQ(r.fixed, "FROM debian:12\nCOPY src /srv\nRUN touch /srv/x && chown -R 1000 /srv\nUSER 1000\n");
  EXPECT_TRUE(withheld(r, "BA1010", "`touch` runs before chown -R in the same RUN"));
  // Control: an account made before it writes nothing there.
  EXPECT_EQ(fixed("FROM debian:12\nCOPY src /srv\nRUN groupadd g && chown -R 1000 /srv\nUSER 1000\n"),
            "FROM debian:12\nCOPY --chown=1000 src /srv\nRUN groupadd g && chown 1000 /srv\nUSER 1000\n");
  // Symbolic chmod modes are not COPY --chmod modes.
  r = fix("FROM debian:12\nCOPY src /srv\nRUN chmod -R u+x /srv\nUSER 1000\n");
  EXPECT_TRUE(withheld(r, "BA1010", "octal"));
}

TEST(Fix, ManifestsFirstForPip) {
  // Without a readable context the requirements file cannot be checked.
  auto r = fix("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n");
  EXPECT_TRUE(withheld(r, "BA2001", "cannot read"));
  // pip install . needs the sources.
  r = fix("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .\n");
  EXPECT_TRUE(withheld(r, "BA2001", "installs from the sources"));
}

TEST(Fix, UserOnlyWhenCreated) {
  EXPECT_EQ(fixed("FROM debian:12\nRUN useradd -u 1000 -m web\nCOPY --chown=web app /app\nCMD [\"/app\"]\n"),
            "FROM debian:12\nRUN useradd -u 1000 -m web\nCOPY --chown=web app /app\nUSER web\nCMD [\"/app\"]\n");
  auto r = fix("FROM debian:12\nRUN useradd web\nEXPOSE 80\nCMD [\"/app\"]\n");
  EXPECT_TRUE(withheld(r, "BA3002", "below 1024"));
}

TEST(Fix, OnlyAndExcept) {
  const std::string in = "FROM alpine:3.20\nRUN apk add curl\nADD a.txt /a.txt\n";
  FixOptions only;
  only.only = {"BA4021"};
  EXPECT_EQ(fixed(in, only), "FROM alpine:3.20\nRUN apk add curl\nCOPY a.txt /a.txt\n");
  FixOptions except;
  except.except = {"BA4021"};
  EXPECT_EQ(fixed(in, except), "FROM alpine:3.20\nRUN apk add --no-cache curl\nADD a.txt /a.txt\n");
}

TEST(Fix, RuleIdsAreChecked) {
  EXPECT_EQ(resolve_rule_ids({"BA1001", "DL3015"}, "--only"), (std::set<std::string, std::less<>>{"BA1001"}));
  try {
    resolve_rule_ids({"BA1101"}, "--only");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "--only: unknown rule id 'BA1101'");
    EXPECT_EQ(e.hint(), "did you mean 'BA1001'?");
  }
}

// BA1018 reads the context's package.json; the project is written here.
TEST(Fix, NpmOmitDevOnlyWhenNothingNeedsThem) {
  std::string dir = ::testing::TempDir() + "/fix-omit-dev";
  std::filesystem::create_directories(dir);
  {
    std::ofstream pkg(dir + "/package.json");
    pkg << R"({"name": "s", "dependencies": {"ms": "2.1.3"}, "devDependencies": {"typescript": "5.4.5"}})";
  }
  FixOptions o;
  o.context_dir = dir;
  o.only = {"BA1018"};
  const std::string head = "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\n";
  EXPECT_EQ(fixed(head + "RUN npm ci && npm cache clean --force\nCOPY . .\nCMD [\"node\", \"server.js\"]\n", o),
            head + "RUN npm ci --omit=dev && npm cache clean --force\nCOPY . .\nCMD [\"node\", \"server.js\"]\n");
  EXPECT_EQ(fixed(head + "RUN npm install\nCMD node server.js\n", o), head + "RUN npm install --omit=dev\nCMD node server.js\n");
  // A build step or an npm-run CMD may need a devDependency: withheld.
  FixResult r = fix(head + "RUN npm ci\nCOPY . .\nRUN npm run build\nCMD [\"node\", \"dist/main.js\"]\n", o);
  EXPECT_FALSE(r.changed());
  EXPECT_TRUE(withheld(r, "BA1018", "line 6 runs `npm`"));
  r = fix(head + "RUN npm ci && npx tsc\nCMD [\"node\", \"dist/main.js\"]\n", o);
  EXPECT_FALSE(r.changed());
  EXPECT_TRUE(withheld(r, "BA1018", "`npx` runs after the install"));
  r = fix(head + "RUN npm ci\nCMD [\"npm\", \"start\"]\n", o);
  EXPECT_FALSE(r.changed());
  EXPECT_TRUE(withheld(r, "BA1018", "cmd starts `npm`"));
  // Without devDependencies in package.json there is nothing to fix.
  {
    std::ofstream pkg(dir + "/package.json");
    pkg << R"({"name": "s", "dependencies": {"ms": "2.1.3"}})";
  }
  EXPECT_FALSE(fix(head + "RUN npm ci\nCMD [\"node\", \"server.js\"]\n", o).changed());
}

// The same for Yarn 1: `--production` after the install (after `yarn` when
// it stands alone); Yarn 2+ (its yarn.lock's __metadata, or .yarnrc.yml) is
// withheld, as is a build step that may need a devDependency.
TEST(Fix, YarnProductionOnlyForYarnOne) {
  std::string dir = ::testing::TempDir() + "/fix-yarn";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/package.json") << R"({"name": "s", "dependencies": {"ms": "2.1.3"}, "devDependencies": {"typescript": "5.4.5"}})";
  std::ofstream(dir + "/yarn.lock") << "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\nms@2.1.3:\n  version \"2.1.3\"\n";
  FixOptions o;
  o.context_dir = dir;
  o.only = {"BA1018"};
  const std::string head = "FROM node:20-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\n";
  const std::string tail = "COPY . .\nCMD [\"node\", \"server.js\"]\n";
  EXPECT_EQ(fixed(head + "RUN yarn install --frozen-lockfile && yarn cache clean\n" + tail, o),
            head + "RUN yarn install --production --frozen-lockfile && yarn cache clean\n" + tail);
  EXPECT_EQ(fixed(head + "RUN yarn --frozen-lockfile\n" + tail, o), head + "RUN yarn --production --frozen-lockfile\n" + tail);
  FixResult r = fix(head + "RUN yarn install\nCOPY . .\nRUN yarn build\nCMD [\"node\", \"dist/main.js\"]\n", o);
  EXPECT_FALSE(r.changed());
  EXPECT_TRUE(withheld(r, "BA1018", "line 6 runs `yarn`"));
  // Yarn 2+.
  std::ofstream(dir + "/yarn.lock", std::ios::trunc) << "# This file is generated by running \"yarn install\"\n\n__metadata:\n  version: 6\n";
  r = fix(head + "RUN yarn install --immutable\n" + tail, o);
  EXPECT_FALSE(r.changed());
  EXPECT_TRUE(withheld(r, "BA1018", "Yarn 2+"));
}

// --multi-stage on a Node build: the project (package.json, its lock) is
// written here for each case; each refusal beside the split it stops.
struct NodeProject {
  std::string dir;
  explicit NodeProject(const std::string& name) : dir(::testing::TempDir() + "/fix-node-" + name) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    write("package.json", R"({"name": "s", "dependencies": {"ms": "2.1.3"}, "devDependencies": {"typescript": "5.4.5"}})");
    lock(R"("node_modules/ms": {"version": "2.1.3"})");
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir + "/" + name, std::ios::binary | std::ios::trunc) << text;
  }
  // A lockfileVersion 3 package-lock.json with typescript (dev) and `packages`.
  void lock(const std::string& packages) const {
    write("package-lock.json", R"({"name": "s", "lockfileVersion": 3, "packages": {"": {"name": "s"},
      "node_modules/typescript": {"version": "5.4.5", "dev": true}, )" + packages + "}}");
  }
  FixOptions options() const {
    FixOptions o;
    o.context_dir = dir;
    o.multi_stage = true;
    return o;
  }
};

const std::string kNodeHead = "FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n";
const std::string kNodeBuilt = "FROM node:20-slim AS builder\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
                               "RUN npm ci && npm cache clean --force\nCOPY . .\n";

TEST(Fix, MultiStageNodeBuild) {
  NodeProject p("split");
  FixResult r = fix(kNodeHead + "RUN npm run build\nENV NODE_ENV=production\nEXPOSE 3000\nCMD [\"node\", \"dist/main.js\"]\n",
                    p.options());
  EXPECT_EQ(r.fixed, kNodeBuilt + "RUN npm run build && npm prune --omit=dev\n\n"
                     "FROM node:20-slim\nWORKDIR /app\nCOPY --from=builder /app /app\nENV NODE_ENV=production\n"
                     "EXPOSE 3000\nCMD [\"node\", \"dist/main.js\"]\n");
  EXPECT_FALSE(withheld(r, "BA1018", ""));
  // The build in the install's RUN, the runtime packages of apt kept, the
  // build packages (BA1011, BA1012) left in the builder, a later COPY carried.
  r = fix("FROM node:20-slim\nRUN apt-get update && apt-get install -y --no-install-recommends g++ make tini "
          "&& rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nRUN npm ci && npx tsc\nCOPY config.json ./\n"
          "CMD node dist/main.js\n",
          p.options());
  EXPECT_EQ(r.fixed,
            "FROM node:20-slim AS builder\nRUN apt-get update && apt-get install -y --no-install-recommends g++ make tini "
            "&& rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nRUN npm ci && npx tsc && npm cache clean --force "
            "&& npm prune --omit=dev\n\nFROM node:20-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends tini && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY --from=builder /app /app\n"
            "COPY config.json ./\nCMD [\"node\", \"dist/main.js\"]\n");
  bool named = false;
  for (const auto& c : r.changes) named = named || c.ids == std::vector<std::string>{"BA1018", "BA1012"};
  EXPECT_TRUE(named);
  // Idempotent.
  EXPECT_EQ(fixed(r.fixed, p.options()), r.fixed);
  // Without --multi-stage: withheld as before.
  FixOptions plain = p.options();
  plain.multi_stage = false;
  EXPECT_TRUE(withheld(fix(kNodeHead + "RUN npm run build\nCMD [\"node\", \"dist/main.js\"]\n", plain), "BA1018",
                       "line 6 runs `npm`"));
  // --except BA1018: the Node build is left.
  FixOptions except = p.options();
  except.except = {"BA1018"};
  EXPECT_EQ(fixed(kNodeHead + "RUN npm run build\nCMD [\"node\", \"dist/main.js\"]\n", except).find("AS builder"),
            std::string::npos);
}

TEST(Fix, MultiStageNodeWithheld) {
  const std::string build = "RUN npm run build\n";
  const std::string cmd = "CMD [\"node\", \"dist/main.js\"]\n";
  struct Case {
    std::string name, dockerfile, reason;
    std::function<void(const NodeProject&)> setup;
  };
  std::vector<Case> cases = {
      {"npm-start", kNodeHead + build + "CMD [\"npm\", \"start\"]\n", "cmd starts `npm`", {}},
      {"run-after", kNodeHead + build + "RUN chown -R node /app\n" + cmd, "the RUN at line 7 follows the build", {}},
      {"copy-outside", kNodeHead.substr(0, kNodeHead.size() - 9) + "COPY . .\nCOPY app.conf /etc/app.conf\n" + build + cmd,
       "writes /etc/app.conf, outside the app directory /app", {}},
      {"chown", kNodeHead + "COPY --chown=node:node src ./src\n" + build + cmd, "sets an owner (--chown)", {}},
      {"out-dir", kNodeHead + "RUN npx tsc --outDir=/dist\n" + cmd, "`npx` on /dist, outside the app directory", {}},
      {"parent", kNodeHead + "RUN npx tsc --outDir ../dist\n" + cmd, "on ../dist, outside", {}},
      {"global", "FROM node:20-slim\nWORKDIR /app\nRUN npm install -g typescript\nCOPY . .\nRUN npm ci\n" + build + cmd,
       "`npm install -g`", {}},
      {"no-workdir", "FROM node:20-slim\nCOPY . .\nRUN npm ci\n" + build + cmd, "no WORKDIR", {}},
      {"yarn", kNodeHead + "RUN yarn build\n" + cmd, "runs yarn", {}},
      {"postinstall", kNodeHead + build + cmd, "`postinstall` script",
       [](const NodeProject& p) {
         p.write("package.json", R"({"scripts": {"postinstall": "node fetch.js"}, "devDependencies": {"typescript": "5"}})");
       }},
      {"workspaces", kNodeHead + build + cmd, "workspaces",
       [](const NodeProject& p) {
         p.write("package.json", R"({"workspaces": ["packages/*"], "devDependencies": {"typescript": "5"}})");
       }},
      {"install-script", kNodeHead + build + cmd, "node_modules/puppeteer has an install script",
       [](const NodeProject& p) { p.lock(R"("node_modules/puppeteer": {"version": "22.0.0", "hasInstallScript": true})"); }},
      {"no-lock", kNodeHead + build + cmd, "no package-lock.json",
       [](const NodeProject& p) { std::filesystem::remove(p.dir + "/package-lock.json"); }},
      {"lock-v1", kNodeHead + build + cmd, "lockfileVersion 1",
       [](const NodeProject& p) { p.write("package-lock.json", R"({"lockfileVersion": 1, "dependencies": {}})"); }},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    NodeProject p(c.name);
    if (c.setup) c.setup(p);
    FixResult r = fix(c.dockerfile, p.options());
    EXPECT_EQ(r.fixed.find("AS builder"), std::string::npos) << r.fixed;
    bool said = false;
    std::string reasons;
    for (const auto& w : r.withheld) {
      reasons += w.id + ": " + w.reason + "\n";
      said = said || (w.id == "BA1018" && w.reason.starts_with("--multi-stage: ") &&
                      w.reason.find(c.reason) != std::string::npos);
    }
    EXPECT_TRUE(said) << reasons;
  }
  // Positive controls: a devDependency's install script runs in the builder
  // only; a path inside the app directory is fine.
  NodeProject p("controls");
  p.lock(R"("node_modules/esbuild": {"version": "0.20.0", "dev": true, "hasInstallScript": true})");
  EXPECT_NE(fixed(kNodeHead + build + cmd, p.options()).find("AS builder"), std::string::npos);
  EXPECT_NE(fixed(kNodeHead + "RUN npx tsc --outDir /app/dist\n" + cmd, p.options()).find("AS builder"), std::string::npos);
}

// BA2004: consecutive RUNs joined where no cache step worth keeping is lost.
TEST(Fix, MergeRunsWhenNoCacheValueIsLost) {
  FixOptions o;
  o.only = {"BA2004"};
  // The install after its update.
  EXPECT_EQ(fixed("FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n", o),
            "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n");
  // Cheap commands, three in a row.
  EXPECT_EQ(fixed("FROM debian:12\nRUN useradd -m app\nRUN mkdir -p /data\nRUN chown app /data\nUSER app\n", o),
            "FROM debian:12\nRUN useradd -m app && mkdir -p /data && chown app /data\nUSER app\n");
  // The same flags, the second's kept once; a continuation line of the second kept.
  EXPECT_EQ(fixed("FROM debian:12\nRUN --network=none mkdir /a\nRUN --network=none ln -s /a \\\n  /b\n", o),
            "FROM debian:12\nRUN --network=none mkdir /a && ln -s /a \\\n  /b\n");
  // A cleanup of what the first made: BA1009 is fixed too.
  FixResult r = fix("FROM python:3.12-slim\nRUN pip install flask\nRUN rm -rf /root/.cache/pip\n", o);
  EXPECT_EQ(r.fixed, "FROM python:3.12-slim\nRUN pip install flask && rm -rf /root/.cache/pip\n");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].ids, (std::vector<std::string>{"BA2004", "BA1009"}));
  EXPECT_EQ(r.changes[0].line, 3);
  // --only BA1009: that cleanup is joined, cheap commands are not.
  FixOptions cleanup;
  cleanup.only = {"BA1009"};
  EXPECT_EQ(fixed("FROM python:3.12-slim\nRUN pip install flask\nRUN rm -rf /root/.cache/pip\n", cleanup),
            "FROM python:3.12-slim\nRUN pip install flask && rm -rf /root/.cache/pip\n");
  EXPECT_FALSE(fix("FROM debian:12\nRUN mkdir /a\nRUN mkdir /b\n", cleanup).changed());
  // Idempotent: a second fix changes nothing.
  std::string once = fixed("FROM debian:12\nRUN mkdir /a\nRUN mkdir /b\nRUN apt-get update\nRUN apt-get install -y x\n");
  EXPECT_EQ(fixed(once), once);
}

TEST(Fix, MergeRunsWithheld) {
  FixOptions o;
  o.only = {"BA2004"};
  // Two costly steps each keep their cache step (control: the cheap pair above).
  FixResult r = fix("FROM python:3.12-slim\nRUN apt-get install -y gcc\nRUN pip install flask\n", o);
  EXPECT_FALSE(r.changed());
  EXPECT_TRUE(withheld(r, "BA2004", "`apt-get` and `pip` are each a cache step worth keeping"));
  // A cheap step next to a costly one: a change to it would re-run the install.
  r = fix("FROM python:3.12-slim\nRUN pip install flask\nRUN mkdir /data\n", o);
  EXPECT_FALSE(r.changed());
  EXPECT_TRUE(withheld(r, "BA2004", "cache step worth keeping"));
  r = fix("FROM debian:12\nRUN mkdir /a\n# the data\nRUN mkdir /b\n", o);
  EXPECT_FALSE(r.changed());
  EXPECT_TRUE(withheld(r, "BA2004", "a comment or blank line sits between"));
  r = fix("FROM debian:12\nRUN mkdir /a\n\nRUN mkdir /b\n", o);
  EXPECT_FALSE(r.changed());
  r = fix("FROM debian:12\nRUN mkdir /a # dirs\nRUN mkdir /b\n", o);
  EXPECT_FALSE(r.changed());
  EXPECT_TRUE(withheld(r, "BA2004", "ends in a comment"));
  // Heredocs and exec form are not edited (whether or not lint pairs them).
  EXPECT_FALSE(fix("FROM debian:12\nRUN <<EOF\nmkdir /a\nEOF\nRUN mkdir /b\n", o).changed());
  EXPECT_FALSE(fix("FROM debian:12\nRUN [\"sh\", \"-c\", \"mkdir /a\"]\nRUN mkdir /b\n", o).changed());
}

// An update-only RUN keeps its lists while a later RUN installs from them:
// joined first (BA2004), or BA1002 withheld when the join is not made.
TEST(Fix, AptListsOfAnUpdateOnlyRun) {
  const std::string in = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n";
  EXPECT_EQ(fixed(in), "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && "
                       "rm -rf /var/lib/apt/lists/*\n");
  FixOptions no_merge;
  no_merge.except = {"BA2004"};
  FixResult r = fix(in, no_merge);
  EXPECT_FALSE(r.changed()) << r.fixed;
  EXPECT_TRUE(withheld(r, "BA1002", "which the apt-get install at line 3 reads"));
  no_merge.cache_mounts = true;
  EXPECT_EQ(fix(in, no_merge).fixed.find("--mount"), std::string::npos);
  // Control: an update-only RUN that nothing installs from after is fixed.
  EXPECT_EQ(fixed("FROM debian:12\nRUN apt-get update\n", no_merge), "# syntax=docker/dockerfile:1\nFROM debian:12\n"
            "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,"
            "sharing=locked apt-get update\n");
}

TEST(Fix, NothingToFix) {
  auto r = fix("FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 1000\nCMD [\"curl\"]\n");
  EXPECT_FALSE(r.changed());
  EXPECT_TRUE(r.changes.empty());
}

}  // namespace
}  // namespace ballast::fix
