// Registry answers read without a server (client.h manifest_from_answer,
// auth.h token_from_answer). The inputs in tests/fuzz-regressions/ are what
// fuzz/registry_answers_fuzz.cc found: a manifest whose mediaType or
// schemaVersion has the wrong JSON type escaped as a raw nlohmann type_error
// (exit 3, "internal error") instead of being read as absent.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "image/registry/auth.h"
#include "image/registry/client.h"
#include "util/error.h"
#include "util/sha256.h"

namespace ballast::image::registry {
namespace {

// "<content type>\0<body>", as the fuzz target reads it.
std::pair<std::string, std::string> regression(const std::string& name) {
  std::ifstream in(std::string(BALLAST_SOURCE_DIR) + "/tests/fuzz-regressions/registry_answers_fuzz/" + name,
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string all = ss.str();
  auto nul = all.find('\0');
  EXPECT_NE(nul, std::string::npos) << name;
  return {all.substr(0, nul), all.substr(nul + 1)};
}

TEST(RegistryAnswers, MediaTypeOfTheWrongTypeIsAbsent) {
  auto [type, body] = regression("media-type-number");
  Manifest m = manifest_from_answer("latest", body, type, "docker://r/x:latest");
  // Not a known Content-Type and no usable mediaType: "manifests" makes it an index.
  EXPECT_EQ(m.media_type, kOciIndex);
  EXPECT_EQ(m.digest, "sha256:" + sha256_hex(body));
}

TEST(RegistryAnswers, SchemaVersionOfTheWrongTypeIsNotSchema1) {
  auto [type, body] = regression("schema-version-string");
  Manifest m = manifest_from_answer("latest", body, type, "docker://r/x:latest");
  EXPECT_EQ(m.media_type, kOciManifest);
  // Positive control: a real schema 1 manifest is refused with its one-line error.
  try {
    manifest_from_answer("latest", R"({"schemaVersion":1,"name":"x"})", "application/json", "docker://r/x:latest");
    FAIL() << "schema 1 accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "docker://r/x:latest: Docker schema 1 manifest (deprecated; push the image again with a current tool)");
  }
}

TEST(RegistryAnswers, DigestReferenceIsChecked) {
  const std::string body = R"({"schemaVersion":2,"config":{},"layers":[]})";
  EXPECT_NO_THROW(manifest_from_answer("sha256:" + sha256_hex(body), body, "", "s"));
  EXPECT_THROW(manifest_from_answer("sha256:" + std::string(64, '0'), body, "", "s"), InputError);
}

TEST(RegistryAnswers, TokenAnswers) {
  EXPECT_EQ(token_from_answer(R"({"token":"t1","access_token":"t2"})", "w"), "t1");
  EXPECT_EQ(token_from_answer(R"({"token":"","access_token":"t2"})", "w"), "t2");
  for (const char* bad : {"", "[]", R"({"token":1})", R"({"token":null})", "{"}) {
    try {
      token_from_answer(bad, "token server t");
      FAIL() << bad;
    } catch (const InputError& e) {
      EXPECT_TRUE(std::string(e.what()).starts_with("token server t: answer ")) << e.what();
    }
  }
}

TEST(RegistryAnswers, ErrorCode) {
  EXPECT_EQ(registry_error_code(R"({"errors":[{"code":"NAME_UNKNOWN"}]})"), "NAME_UNKNOWN");
  EXPECT_EQ(registry_error_code(R"({"errors":[{"code":7}]})"), "");
  EXPECT_EQ(registry_error_code("not json"), "");
}

}  // namespace
}  // namespace ballast::image::registry
