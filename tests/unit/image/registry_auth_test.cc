// WWW-Authenticate parsing (RFC 7235 section 4.1 syntax; the challenge
// strings are the ones Docker Hub and distribution's htpasswd auth send),
// base64 by RFC 4648 section 10's test vectors, and credentials found in a
// docker config.json the way docker/cli's config file store finds them.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>

#include "image/registry/auth.h"
#include "image/registry/challenge.h"
#include "image/registry/credentials.h"
#include "image/registry/options.h"
#include "temp_dir.h"
#include "util/error.h"

namespace ballast::image::registry {
namespace {

TEST(RegistryChallenge, DockerHubBearer) {
  auto c = parse_challenge(
      R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull")");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->scheme, "bearer");
  EXPECT_EQ(c->param("realm"), "https://auth.docker.io/token");
  EXPECT_EQ(c->param("service"), "registry.docker.io");
  EXPECT_EQ(c->param("scope"), "repository:library/busybox:pull");
}

TEST(RegistryChallenge, BasicWithSpacesEscapesAndTokens) {
  auto c = parse_challenge(R"(Basic realm="Registry \"Realm\"", charset=UTF-8)");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->scheme, "basic");
  EXPECT_EQ(c->param("realm"), "Registry \"Realm\"");
  EXPECT_EQ(c->param("charset"), "UTF-8");
  EXPECT_FALSE(parse_challenge(""));
  EXPECT_FALSE(parse_challenge("  =x"));
}

TEST(RegistryBase64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> v[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                                   {"foo", "Zm9v"}, {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
                                                   {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : v) {
    EXPECT_EQ(base64_encode(plain), encoded);
    EXPECT_EQ(base64_decode(encoded), plain);
  }
  EXPECT_THROW(base64_decode("Zm9v!"), InputError);
}

class RegistryCredentials : public ::testing::Test {
 protected:
  void write_config(const std::string& json) {
    std::ofstream(dir / "config.json") << json;
    options.docker_config_dir = dir.path();
  }
  testing::TempDir dir;
  Options options;
};

TEST_F(RegistryCredentials, GivenCredentialsWin) {
  write_config(R"({"auths":{"127.0.0.1:5000":{"auth":"b3RoZXI6b3RoZXI="}}})");
  options.credentials = "alice:s3:cret";
  Credentials c = find_credentials("127.0.0.1:5000", options);
  EXPECT_EQ(c.username, "alice");
  EXPECT_EQ(c.password, "s3:cret");  // only the first ':' separates, as in skopeo --creds
}

TEST_F(RegistryCredentials, AuthsByHostAndByUrlKey) {
  // "YWxpY2U6cHc=" is base64("alice:pw"); Docker Hub's key is the v1 index URL.
  write_config(R"({"auths":{"https://index.docker.io/v1/":{"auth":"YWxpY2U6cHc="},
                             "https://reg.example:5000/v2/":{"auth":"Ym9iOnB3Mg=="}}})");
  Credentials hub = find_credentials("docker.io", options);
  EXPECT_EQ(hub.username, "alice");
  EXPECT_EQ(hub.password, "pw");
  Credentials other = find_credentials("reg.example:5000", options);
  EXPECT_EQ(other.username, "bob");
  EXPECT_EQ(other.password, "pw2");
  EXPECT_TRUE(find_credentials("elsewhere.example", options).empty());
}

TEST_F(RegistryCredentials, MalformedAuthIsAnInputError) {
  write_config(R"({"auths":{"h:1":{"auth":"bm9jb2xvbg=="}}})");  // base64("nocolon")
  EXPECT_THROW(find_credentials("h:1", options), InputError);
}

// A credential helper is any program speaking docker-credential-helpers'
// protocol: `get` with the server URL on stdin, JSON on stdout.
void write_helper(const std::string& bin, const std::string& name, const std::string& body) {
  std::string path = bin + "/docker-credential-" + name;
  std::ofstream(path) << "#!/bin/sh\n" << body;
  ::chmod(path.c_str(), 0755);
}

TEST_F(RegistryCredentials, CredHelpersThenCredsStoreRunWithServerOnStdin) {
  std::string bin = dir / "bin";
  ::mkdir(bin.c_str(), 0755);
  write_helper(bin, "seen", "[ \"$1\" = get ] || exit 9\nread s\nprintf '{\"ServerURL\":\"%s\",\"Username\":\"u-%s\",\"Secret\":\"p\"}' \"$s\" \"$s\"\n");
  write_helper(bin, "tok", "read s\necho '{\"Username\":\"<token>\",\"Secret\":\"refresh-1\"}'\n");
  write_helper(bin, "none", "read s\necho 'credentials not found in native keychain'\nexit 1\n");
  std::string path = bin + ":" + (std::getenv("PATH") ? std::getenv("PATH") : "");
  ::setenv("PATH", path.c_str(), 1);
  write_config(R"({"credsStore":"tok","credHelpers":{"h:1":"seen","docker.io":"none"},
                   "auths":{"h:1":{"auth":"YWxpY2U6cHc="}}})");
  Credentials helper = find_credentials("h:1", options);
  EXPECT_EQ(helper.username, "u-h:1");
  EXPECT_EQ(helper.password, "p");
  Credentials store = find_credentials("other:2", options);
  EXPECT_EQ(store.identity_token, "refresh-1");
  EXPECT_TRUE(store.username.empty());
  // Docker Hub's helper is asked for its v1 URL; "not found" means anonymous.
  EXPECT_TRUE(find_credentials("docker.io", options).empty());
  write_config(R"({"credsStore":"missing-helper-xyz"})");
  EXPECT_THROW(find_credentials("h:1", options), InputError);
}

}  // namespace
}  // namespace ballast::image::registry
