// Reference parsing against the cases of distribution/reference's
// reference_test.go and normalize_test.go (github.com/distribution/reference),
// whose expectations are the docker CLI's behaviour.
#include <gtest/gtest.h>

#include "image/registry/reference.h"
#include "util/error.h"

namespace ballast::image::registry {
namespace {

const std::string kHex(64, 'f');

struct Case {
  const char* input;
  const char* domain;
  const char* repository;
  const char* tag;
  std::string digest;
};

TEST(RegistryReference, ValidCasesFromReferenceTestGo) {
  const Case cases[] = {
      {"test_com", "docker.io", "library/test_com", "latest", ""},
      {"test.com:tag", "docker.io", "library/test.com", "tag", ""},
      {"test.com:5000", "docker.io", "library/test.com", "5000", ""},
      {"test.com/repo:tag", "test.com", "repo", "tag", ""},
      {"test:5000/repo", "test:5000", "repo", "latest", ""},
      {"test:5000/repo:tag", "test:5000", "repo", "tag", ""},
      {"lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", ""},
      {"sub-dom1.foo.com/bar/baz/quux", "sub-dom1.foo.com", "bar/baz/quux", "latest", ""},
      {"sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux", "some-long-tag", ""},
      {"b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app",
       "test.example.com", ""},
      {"xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com", ""},
      {"foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080", ""},
      {"foo/foo_bar.com:8080", "docker.io", "foo/foo_bar.com", "8080", ""},
      {"192.168.1.1:5000/repo", "192.168.1.1:5000", "repo", "latest", ""},
      {"[2001:db8::1]:5000/repo", "[2001:db8::1]:5000", "repo", "latest", ""},
      {"a__b/c--d/e.f", "docker.io", "a__b/c--d/e.f", "latest", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    Reference r = parse_reference(c.input);
    EXPECT_EQ(r.domain, c.domain);
    EXPECT_EQ(r.repository, c.repository);
    EXPECT_EQ(r.tag, c.tag);
    EXPECT_EQ(r.digest, c.digest);
  }
}

TEST(RegistryReference, Digests) {
  Reference r = parse_reference("test:5000/repo@sha256:" + kHex);
  EXPECT_EQ(r.domain, "test:5000");
  EXPECT_EQ(r.repository, "repo");
  EXPECT_EQ(r.tag, "");
  EXPECT_EQ(r.digest, "sha256:" + kHex);
  EXPECT_EQ(r.manifest_ref(), "sha256:" + kHex);
  Reference both = parse_reference("test:5000/repo:tag@sha256:" + kHex);
  EXPECT_EQ(both.tag, "tag");
  EXPECT_EQ(both.manifest_ref(), "sha256:" + kHex);  // the digest wins, as in docker pull
  EXPECT_EQ(both.canonical(), "test:5000/repo:tag@sha256:" + kHex);
}

TEST(RegistryReference, DockerHubNormalizationFromNormalizeTestGo) {
  const std::pair<const char*, const char*> cases[] = {
      {"docker/docker", "docker.io/docker/docker:latest"},
      {"library/debian", "docker.io/library/debian:latest"},
      {"debian", "docker.io/library/debian:latest"},
      {"docker.io/docker/docker", "docker.io/docker/docker:latest"},
      {"docker.io/library/debian", "docker.io/library/debian:latest"},
      {"docker.io/debian", "docker.io/library/debian:latest"},
      {"index.docker.io/docker/docker", "docker.io/docker/docker:latest"},
      {"index.docker.io/library/debian", "docker.io/library/debian:latest"},
      {"index.docker.io/debian", "docker.io/library/debian:latest"},
      {"127.0.0.1:5000/docker/docker", "127.0.0.1:5000/docker/docker:latest"},
      {"127.0.0.1:5000/library/debian", "127.0.0.1:5000/library/debian:latest"},
      {"127.0.0.1:5000/debian", "127.0.0.1:5000/debian:latest"},
      {"192.168.0.1", "docker.io/library/192.168.0.1:latest"},
      {"192.168.0.1:80", "docker.io/library/192.168.0.1:80"},
      {"192.168.0.1:8/debian", "192.168.0.1:8/debian:latest"},
      {"192.168.0.2:25000/debian", "192.168.0.2:25000/debian:latest"},
      {"localhost/debian", "localhost/debian:latest"},
      {"localhost:5000/debian:1.0", "localhost:5000/debian:1.0"},
      {"docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
       "docker.io/library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a:latest"},
  };
  for (const auto& [in, want] : cases) {
    SCOPED_TRACE(in);
    EXPECT_EQ(parse_reference(in).canonical(), want);
  }
}

TEST(RegistryReference, ApiHostOfDockerHub) {
  EXPECT_EQ(parse_reference("busybox").api_host(), "registry-1.docker.io");
  EXPECT_EQ(parse_reference("docker.io/library/busybox").api_host(), "registry-1.docker.io");
  EXPECT_EQ(parse_reference("127.0.0.1:5000/busybox").api_host(), "127.0.0.1:5000");
  EXPECT_EQ(parse_reference("quay.io/prometheus/node-exporter:v1").api_host(), "quay.io");
}

void expect_error(const std::string& input, const std::string& message) {
  SCOPED_TRACE(input);
  try {
    parse_reference(input);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "docker://" + input + ": " + message);
  }
}

TEST(RegistryReference, InvalidCasesFromReferenceTestGo) {
  expect_error("", "repository name must have at least one component");
  expect_error(":justtag", "invalid reference format");
  expect_error("@sha256:" + kHex, "invalid reference format");
  expect_error("repo@sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
               "invalid checksum digest length");
  expect_error("validname@invaliddigest:" + kHex, "unsupported digest algorithm");
  expect_error("Uppercase:tag", "invalid reference format: repository name must be lowercase");
  expect_error("test:5000/Uppercase/lowercase:tag", "invalid reference format: repository name must be lowercase");
  expect_error("aa/asdf$$^/aa", "invalid reference format");
  expect_error("-docker", "invalid reference format");
  expect_error("docker///docker", "invalid reference format");
  expect_error("docker.io/docker/Docker", "invalid reference format: repository name must be lowercase");
  expect_error("1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
               "invalid repository name, cannot specify 64-byte hexadecimal strings");
  expect_error("a:" + std::string(129, 'a'), "invalid reference format");
  expect_error("a/" + std::string(127, 'a') + "/" + std::string(127, 'a') + ":tag",
               "repository name must not be more than 255 characters");
}

TEST(RegistryReference, LongestTagAccepted) {
  EXPECT_EQ(parse_reference("a:" + std::string(128, 'a')).tag, std::string(128, 'a'));
}

}  // namespace
}  // namespace ballast::image::registry
