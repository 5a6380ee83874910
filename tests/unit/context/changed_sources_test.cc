// Context sources beyond plain COPY/ADD: RUN --mount=type=bind of the context,
// COPY/ADD --exclude and COPY --parents, through the whole `context` analysis
// (copy_sources accounting, unreachable files, --changed). Expected values are
// worked out by hand from BuildKit's rules (docs/context.md, "--changed"):
// exclude patterns are matched (moby/patternmatcher) against the path relative
// to each resolved source, the resolved source itself never; a --parents
// source is a root plus an include pattern.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "context/analysis.h"
#include "temp_tree.h"

namespace ballast::context {
namespace {

using Lines = std::vector<int>;

class ChangedSources : public TempTreeTest {
 protected:
  ContextReport analyze(const std::vector<std::string>& changed = {}) {
    ContextOptions o;
    o.changed = changed;
    return analyze_context(root_, o);
  }
  // The invalidated lines of `stage` for the i-th --changed path ({} = intact).
  static Lines lines(const ContextReport& r, std::size_t i, int stage = 0) {
    for (const auto& s : r.invalidations.at(i).stages)
      if (s.stage == stage) return s.lines;
    return {};
  }
  static int count(const ContextReport& r, const std::string& id) {
    return static_cast<int>(std::count_if(r.findings.begin(), r.findings.end(),
                                          [&](const auto& f) { return f.id == id; }));
  }
  static const model::Finding* find(const ContextReport& r, const std::string& id) {
    for (const auto& f : r.findings)
      if (f.id == id) return &f;
    return nullptr;
  }
};

TEST_F(ChangedSources, BindMountWithSource) {
  write("Dockerfile",
        "FROM alpine\n"
        "COPY app.py /app/\n"
        "RUN --mount=type=bind,source=data,target=/data cat /data/a.txt\n"
        "RUN echo done\n");
  write("app.py", "print()\n");
  write("data/a.txt", "aa");
  write("data/sub/b.txt", "bbb");
  write("other.txt", "o");
  ContextReport r = analyze({"data/sub/b.txt", "other.txt", "app.py", "data"});
  ASSERT_EQ(r.copy_sources.size(), 2u);
  EXPECT_EQ(r.copy_sources[1].instruction, "RUN --mount");
  EXPECT_EQ(r.copy_sources[1].source, "data");
  EXPECT_EQ(r.copy_sources[1].line, 3);
  EXPECT_EQ(r.copy_sources[1].status, "ok");
  EXPECT_EQ(r.copy_sources[1].files, 2u);
  EXPECT_EQ(r.copy_sources[1].bytes, 5u);
  // What the mount can read is reachable: only Dockerfile and other.txt are not.
  EXPECT_FALSE(r.copies_everything);
  EXPECT_EQ(r.unreachable.files, 2u);
  EXPECT_EQ(lines(r, 0), (Lines{3, 4}));  // under the mount: that RUN and later
  EXPECT_EQ(lines(r, 1), Lines{});        // outside: nothing
  EXPECT_EQ(lines(r, 2), (Lines{2, 3, 4}));
  EXPECT_EQ(lines(r, 3), (Lines{3, 4}));  // the mounted directory itself
}

TEST_F(ChangedSources, BindOfTheWholeContext) {
  write("Dockerfile",
        "FROM alpine\n"
        "RUN echo first\n"
        "RUN --mount=target=/src make -C /src\n"  // type defaults to bind, source to the root
        "RUN echo last\n");
  write("Makefile", "all:\n");
  write("deep/x/y.c", "int y;\n");
  ContextReport r = analyze({"deep/x/y.c"});
  ASSERT_EQ(r.copy_sources.size(), 1u);
  EXPECT_EQ(r.copy_sources[0].source, ".");
  EXPECT_EQ(r.copy_sources[0].files, 3u);  // Dockerfile, Makefile, deep/x/y.c
  EXPECT_TRUE(r.copies_everything);
  EXPECT_EQ(r.unreachable.files, 0u);
  EXPECT_EQ(lines(r, 0), (Lines{3, 4}));
}

TEST_F(ChangedSources, BindFromStageCacheSecretAndOnbuildAreNotContextSources) {
  write("Dockerfile",
        "FROM alpine AS build\n"
        "RUN echo hi > /out\n"
        "FROM alpine\n"
        "RUN --mount=type=bind,from=build,source=out,target=/o cat /o\n"
        "RUN --mount=type=cache,source=out,target=/root/.cache true\n"
        "RUN --mount=type=secret,id=out,target=/s --mount=type=tmpfs,target=/t true\n"
        "ONBUILD RUN --mount=type=bind,source=out,target=/x true\n"
        "RUN echo end\n");
  write("out", "context file with the same name");
  ContextReport r = analyze({"out"});
  EXPECT_TRUE(r.copy_sources.empty());
  EXPECT_EQ(count(r, "context.copy-missing"), 0);
  ASSERT_EQ(r.invalidations.size(), 1u);
  EXPECT_TRUE(r.invalidations[0].sent);
  EXPECT_TRUE(r.invalidations[0].stages.empty());
}

TEST_F(ChangedSources, MissingOrIgnoredBindSourceFailsTheBuild) {
  write(".dockerignore", "secret\n");
  write("Dockerfile",
        "FROM alpine\n"
        "RUN --mount=type=bind,source=secret,target=/s cat /s/key\n"
        "RUN --mount=type=bind,src=/nothere/,target=/n true\n");
  write("secret/key", "k");
  ContextReport r = analyze({"secret/key"});
  ASSERT_EQ(r.copy_sources.size(), 2u);
  EXPECT_EQ(r.copy_sources[0].status, "excluded");
  EXPECT_EQ(r.copy_sources[0].excluded_by_line, 1);
  EXPECT_EQ(r.copy_sources[1].source, "nothere");  // leading / ignored, cleaned
  EXPECT_EQ(r.copy_sources[1].status, "missing");
  const model::Finding* ignored = find(r, "context.copy-ignored");
  ASSERT_NE(ignored, nullptr);
  EXPECT_EQ(ignored->severity, model::Severity::kError);
  EXPECT_EQ(ignored->location->line, 2);
  EXPECT_NE(ignored->message.find("RUN --mount source \"secret\""), std::string::npos) << ignored->message;
  const model::Finding* missing = find(r, "context.copy-missing");
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->location->line, 3);
  // An ignored file is not sent: changing it invalidates nothing.
  EXPECT_FALSE(r.invalidations[0].sent);
}

TEST_F(ChangedSources, VariablesInABindSource) {
  write("Dockerfile",
        "FROM alpine\n"
        "ARG DIR=data\n"
        "ENV SUB=sub\n"
        "RUN --mount=type=bind,source=${DIR}/$SUB,target=/d ls /d\n");
  write("data/a.txt", "a");
  write("data/sub/b.txt", "b");
  ContextReport r = analyze({"data/sub/b.txt", "data/a.txt"});
  ASSERT_EQ(r.copy_sources.size(), 1u);
  EXPECT_EQ(r.copy_sources[0].source, "data/sub");
  EXPECT_EQ(r.copy_sources[0].files, 1u);
  EXPECT_EQ(lines(r, 0), (Lines{4}));
  EXPECT_EQ(lines(r, 1), Lines{});
}

TEST_F(ChangedSources, ExcludeOnADirectorySource) {
  const std::string dockerfile =
      "FROM alpine\n"
      "COPY --exclude=*.md --exclude=tmp docs/ /docs/\n"
      "RUN build\n";
  write("Dockerfile", dockerfile);
  write("docs/a.txt", "abc");
  write("docs/README.md", "hello");  // `*.md` relative to docs/: excluded
  write("docs/sub/c.md", "cc");      // "sub/c.md": `*` stops at '/', copied
  write("docs/tmp/x", "x");          // under the excluded directory "tmp"
  write("docs/sub/tmp", "tmp!");     // "sub/tmp" is not "tmp": copied
  ContextReport r = analyze({"docs/README.md", "docs/tmp/x", "docs/sub/c.md", "docs/sub/tmp"});
  ASSERT_EQ(r.copy_sources.size(), 1u);
  EXPECT_EQ(r.copy_sources[0].excludes, (std::vector<std::string>{"*.md", "tmp"}));
  EXPECT_EQ(r.copy_sources[0].files, 3u);
  EXPECT_EQ(r.copy_sources[0].bytes, 9u);
  // Dockerfile, docs/README.md and docs/tmp/x are read by nothing.
  EXPECT_EQ(r.unreachable.files, 3u);
  EXPECT_EQ(r.unreachable.bytes, dockerfile.size() + 5u + 1u);
  EXPECT_EQ(lines(r, 0), Lines{});
  EXPECT_EQ(lines(r, 1), Lines{});
  EXPECT_EQ(lines(r, 2), (Lines{2, 3}));
  EXPECT_EQ(lines(r, 3), (Lines{2, 3}));
}

TEST_F(ChangedSources, ExcludeOnAWildcardSource) {
  write("Dockerfile",
        "FROM alpine\n"
        "ADD --exclude=*.log dir* /out/\n");
  write("dir1/a.log", "1");
  write("dir1/b.txt", "22");
  write("dir2/c.log", "333");
  write("dir2/d.txt", "4444");
  write("dirf.log", "55555");  // a match itself: its relative path is empty, never excluded
  write("other", "6");
  ContextReport r = analyze({"dir2/c.log", "dirf.log", "dir1/b.txt"});
  ASSERT_EQ(r.copy_sources.size(), 1u);
  EXPECT_EQ(r.copy_sources[0].instruction, "ADD");
  EXPECT_EQ(r.copy_sources[0].files, 3u);
  EXPECT_EQ(r.copy_sources[0].bytes, 2u + 4u + 5u);
  EXPECT_EQ(r.unreachable.files, 4u);  // Dockerfile, dir1/a.log, dir2/c.log, other
  EXPECT_EQ(lines(r, 0), Lines{});
  EXPECT_EQ(lines(r, 1), (Lines{2}));
  EXPECT_EQ(lines(r, 2), (Lines{2}));
}

TEST_F(ChangedSources, ExcludeWithAnException) {
  write("Dockerfile",
        "FROM alpine\n"
        "COPY --exclude=*.txt --exclude=!keep.txt src /s\n");
  write("src/a.txt", "a");
  write("src/keep.txt", "kk");
  write("src/b.c", "bbb");
  ContextReport r = analyze({"src/a.txt", "src/keep.txt"});
  EXPECT_EQ(r.copy_sources.at(0).files, 2u);
  EXPECT_EQ(r.copy_sources.at(0).bytes, 5u);
  EXPECT_EQ(lines(r, 0), Lines{});
  EXPECT_EQ(lines(r, 1), (Lines{2}));
}

TEST_F(ChangedSources, ExcludeOnTheWholeContextLeavesTheRestUnreachable) {
  write("Dockerfile",
        "FROM alpine\n"
        "COPY --exclude=node_modules . /app\n");
  write("index.js", "1");
  write("node_modules/x/y.js", "22");
  ContextReport r = analyze({"node_modules/x/y.js"});
  EXPECT_FALSE(r.copies_everything);
  EXPECT_EQ(r.copy_sources.at(0).files, 2u);  // Dockerfile, index.js
  EXPECT_EQ(r.unreachable.files, 1u);
  ASSERT_FALSE(r.unreachable_top.empty());
  EXPECT_EQ(r.unreachable_top[0].path, "node_modules/");
  EXPECT_EQ(lines(r, 0), Lines{});
}

TEST_F(ChangedSources, ParentsWithPivot) {
  write("Dockerfile",
        "FROM alpine\n"
        "COPY --parents ./src/./**/*.go /out/\n"
        "RUN go build\n");
  write("src/main.go", "m");
  write("src/pkg/a/b.go", "bb");
  write("src/pkg/readme.md", "r");
  write("lib/c.go", "c");  // outside the root
  ContextReport r = analyze({"src/pkg/readme.md", "src/pkg/a/b.go", "lib/c.go", "src/main.go"});
  ASSERT_EQ(r.copy_sources.size(), 1u);
  EXPECT_TRUE(r.copy_sources[0].parents);
  EXPECT_EQ(r.copy_sources[0].source, "src/./**/*.go");
  EXPECT_EQ(r.copy_sources[0].status, "ok");
  EXPECT_EQ(r.copy_sources[0].files, 2u);
  EXPECT_EQ(r.copy_sources[0].bytes, 3u);
  EXPECT_EQ(r.unreachable.files, 3u);  // Dockerfile, src/pkg/readme.md, lib/c.go
  EXPECT_EQ(lines(r, 0), Lines{});
  EXPECT_EQ(lines(r, 1), (Lines{2, 3}));
  EXPECT_EQ(lines(r, 2), Lines{});
  EXPECT_EQ(lines(r, 3), (Lines{2, 3}));
}

TEST_F(ChangedSources, ParentsWithDoubleStarAndNoPivot) {
  write("Dockerfile",
        "FROM alpine\n"
        "COPY --parents --exclude=**/test_*.py ./app/**/*.py /dst/\n");
  write("app/x.py", "x");
  write("app/m/y.py", "yy");
  write("app/m/test_y.py", "ttt");
  write("app/m/z.txt", "z");
  write("tool.py", "t");
  ContextReport r = analyze({"app/m/y.py", "app/m/z.txt", "tool.py", "app/m/test_y.py"});
  ASSERT_EQ(r.copy_sources.size(), 1u);
  EXPECT_EQ(r.copy_sources[0].source, "app/**/*.py");
  EXPECT_EQ(r.copy_sources[0].files, 2u);  // app/x.py, app/m/y.py
  EXPECT_EQ(r.copy_sources[0].bytes, 3u);
  EXPECT_EQ(lines(r, 0), (Lines{2}));
  EXPECT_EQ(lines(r, 1), Lines{});
  EXPECT_EQ(lines(r, 2), Lines{});
  EXPECT_EQ(lines(r, 3), Lines{});
}

TEST_F(ChangedSources, ParentsMatchingNothingIsNotAnError) {
  write("Dockerfile",
        "FROM alpine\n"
        "COPY --parents ./**/*.rs /dst/\n"
        "COPY --parents ./nothere.txt /dst/\n");
  write("main.c", "c");
  ContextReport r = analyze();
  ASSERT_EQ(r.copy_sources.size(), 2u);
  EXPECT_EQ(r.copy_sources[0].status, "empty");
  EXPECT_EQ(r.copy_sources[0].files, 0u);
  const model::Finding* empty = find(r, "context.copy-empty");
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(empty->severity, model::Severity::kInfo);
  EXPECT_EQ(empty->location->line, 2);
  // Without a wildcard BuildKit requires the path (RequiredPaths, moby/buildkit#6229).
  EXPECT_EQ(r.copy_sources[1].status, "missing");
  EXPECT_EQ(count(r, "context.copy-missing"), 1);
  EXPECT_EQ(find(r, "context.copy-missing")->location->line, 3);
}

TEST_F(ChangedSources, ExcludePatternsAreExpanded) {
  write("Dockerfile",
        "FROM alpine\n"
        "ARG EXT=log\n"
        "COPY --exclude=*.${EXT} logs /logs\n");
  write("logs/a.log", "a");
  write("logs/b.txt", "b");
  ContextReport r = analyze({"logs/a.log", "logs/b.txt"});
  EXPECT_EQ(r.copy_sources.at(0).excludes, (std::vector<std::string>{"*.log"}));
  EXPECT_EQ(r.copy_sources.at(0).files, 1u);
  EXPECT_EQ(lines(r, 0), Lines{});
  EXPECT_EQ(lines(r, 1), (Lines{3}));
}

}  // namespace
}  // namespace ballast::context
