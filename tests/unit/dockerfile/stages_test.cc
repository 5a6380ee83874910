// The stage model: global ARGs, FROM expansion with defaults and build args,
// --target, COPY --from / --mount=from= by name and index, per-instruction env.
#include <gtest/gtest.h>

#include "dockerfile/parser.h"
#include "dockerfile/stages.h"

namespace df = ballast::dockerfile;

namespace {

const char* kDockerfile =
    "ARG REGISTRY=docker.io\n"                                    // 0
    "ARG IMAGE=${REGISTRY}/library/python\n"                      // 1
    "ARG TAG\n"                                                   // 2
    "FROM ${IMAGE}:${TAG:-3.12}-slim AS Builder\n"                // 3
    "ARG TAG\n"                                                   // 4
    "ENV APP=/app HOME=${APP}x\n"                                 // 5
    "WORKDIR $APP\n"                                              // 6
    "RUN --mount=type=cache,target=/root/.cache/pip,from=cachestage pip install x\n"  // 7
    "FROM builder AS test\n"                                      // 8
    "COPY --from=0 /x /y\n"                                       // 9
    "FROM --platform=$BUILDPLATFORM alpine:${MISSING}\n"          // 10
    "COPY --from=Builder /app /app\n"                             // 11
    "COPY --from=7 /a /b\n"                                       // 12
    "COPY --from=nginx:latest /etc/nginx /etc/nginx\n";           // 13

TEST(StageModel, GlobalArgsAndFromExpansion) {
  const auto parsed = df::parse_dockerfile(kDockerfile);
  const df::StageModel m = df::build_stage_model(parsed);
  ASSERT_EQ(m.global_args.size(), 3u);
  EXPECT_EQ(m.global_args[1].value.value_or("?"), "docker.io/library/python");
  EXPECT_FALSE(m.global_args[2].value);
  ASSERT_EQ(m.stages.size(), 3u);
  const df::Stage& s0 = m.stages[0];
  EXPECT_EQ(s0.name, "Builder");
  EXPECT_EQ(s0.name_lower, "builder");
  EXPECT_EQ(s0.base_raw, "${IMAGE}:${TAG:-3.12}-slim");
  EXPECT_EQ(s0.base, "docker.io/library/python:3.12-slim");
  EXPECT_TRUE(s0.base_unmatched.empty());
  EXPECT_EQ(s0.from_line, 4);
  EXPECT_EQ(s0.instructions, (std::vector<int>{4, 5, 6, 7}));
}

TEST(StageModel, BuildArgsOverrideDefaults) {
  const auto parsed = df::parse_dockerfile(kDockerfile);
  const df::StageModel m = df::build_stage_model(parsed, {{"TAG", "3.11"}, {"REGISTRY", "ghcr.io"}});
  EXPECT_EQ(m.stages[0].base, "ghcr.io/library/python:3.11-slim");
  // Inside the stage, `ARG TAG` takes the build arg.
  EXPECT_EQ(*m.stages[0].env[1].get("TAG"), "3.11");
}

TEST(StageModel, EnvironmentAtEachInstruction) {
  const auto parsed = df::parse_dockerfile(kDockerfile);
  const df::StageModel m = df::build_stage_model(parsed);
  const df::Stage& s0 = m.stages[0];
  EXPECT_TRUE(s0.env[0].empty());                 // before ARG TAG
  ASSERT_NE(s0.env[2].get("APP"), nullptr);       // at WORKDIR
  EXPECT_EQ(*s0.env[2].get("APP"), "/app");
  EXPECT_EQ(*s0.env[2].get("HOME"), "x");         // ${APP} was not set before that ENV
  EXPECT_EQ(s0.env[2].get("REGISTRY"), nullptr);  // globals need an ARG in the stage
  const df::Stage& s1 = m.stages[1];
  EXPECT_EQ(s1.parent, 0);
  EXPECT_EQ(*s1.env[0].get("APP"), "/app");       // ENV is inherited from the parent stage
  EXPECT_EQ(s1.env[0].get("TAG"), nullptr);       // ARG is not
}

TEST(StageModel, ReferencesAndPlatform) {
  const auto parsed = df::parse_dockerfile(kDockerfile);
  const df::StageModel m = df::build_stage_model(parsed);
  ASSERT_EQ(m.stages[0].refs.size(), 1u);
  EXPECT_EQ(m.stages[0].refs[0].kind, df::StageRef::Kind::kMountFrom);
  EXPECT_EQ(m.stages[0].refs[0].stage, -1);
  EXPECT_EQ(m.stages[1].refs.at(0).stage, 0);
  EXPECT_TRUE(m.stages[1].refs.at(0).by_index);
  const df::Stage& s2 = m.stages[2];
  EXPECT_EQ(s2.platform, "linux/amd64");
  EXPECT_EQ(s2.base, "alpine:");
  EXPECT_EQ(s2.base_unmatched, std::vector<std::string>{"MISSING"});
  EXPECT_EQ(s2.copy_from_refs, (std::vector<std::string>{"Builder", "7", "nginx:latest"}));
  EXPECT_EQ(s2.refs[0].stage, 0);
  EXPECT_TRUE(s2.refs[1].index_error);
  EXPECT_EQ(s2.refs[2].stage, -1);
  EXPECT_FALSE(s2.refs[2].index_error);
}

TEST(StageModel, TargetAndNeededStages) {
  const auto parsed = df::parse_dockerfile(kDockerfile);
  const df::StageModel last = df::build_stage_model(parsed);
  EXPECT_EQ(last.target, 2);
  EXPECT_TRUE(last.stages[0].needed);
  EXPECT_FALSE(last.stages[1].needed);
  const df::StageModel test = df::build_stage_model(parsed, {}, "TEST");
  EXPECT_EQ(test.target, 1);
  EXPECT_TRUE(test.stages[0].needed);
  EXPECT_FALSE(test.stages[2].needed);
  EXPECT_THROW(df::build_stage_model(parsed, {}, "nope"), ballast::InputError);
  EXPECT_EQ(test.find_stage("builder"), 0);
  EXPECT_EQ(test.find_stage("2"), 2);
  EXPECT_EQ(test.find_stage("alpine"), -1);
}

TEST(StageModel, ExpansionErrorsAreRecordedNotThrown) {
  const auto parsed = df::parse_dockerfile("ARG V\nFROM img:${V:?setV}\nRUN x\n");
  const df::StageModel m = df::build_stage_model(parsed);
  EXPECT_EQ(m.stages[0].base, "img:${V:?setV}");
  EXPECT_EQ(m.stages[0].base_error, "failed to process \"img:${V:?setV}\": V: setV");
}

}  // namespace
