// Engine endpoint discovery on hand-made docker config directories. The
// context directory names are sha256 of the context name as computed by
// `printf %s NAME | sha256sum` (docker/cli's context store layout).
#include "image/engine/endpoint.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.h"
#include "util/error.h"

namespace ballast::image::engine {
namespace {

constexpr const char* kPodmanDir = "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9";
constexpr const char* kMyCtxDir = "2e949dbc66d8e770bad3c1d483a32c09f47684977c5793624a441c886e9d1abb";

void write(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

std::string meta(const std::string& name, const std::string& host) {
  return R"({"Name":")" + name + R"(","Metadata":{},"Endpoints":{"docker":{"Host":")" + host +
         R"(","SkipTLSVerify":false}}})";
}

class EndpointTest : public ::testing::Test {
 protected:
  EndpointTest() {
    env.home = dir.path();
    env.default_socket = dir / "default.sock";
    env.podman_root_socket = dir / "run-podman.sock";
    write(dir / ".docker/contexts/meta/" + kPodmanDir + "/meta.json",
          meta("podman", "unix:///run/user/1000/podman/podman.sock"));
    write(dir / ".docker/contexts/meta/" + kMyCtxDir + "/meta.json", meta("my-ctx", "unix:///tmp/my.sock"));
  }
  testing::TempDir dir;
  EngineEnvironment env;
};

TEST_F(EndpointTest, NothingConfiguredIsTheDefaultSocket) {
  EngineEndpoint e = find_engine_endpoint(env);
  EXPECT_EQ(e.socket_path, dir / "default.sock");
  EXPECT_EQ(e.origin, "default");
}

TEST_F(EndpointTest, CurrentContextFromConfigJson) {
  write(dir / ".docker/config.json", R"({"auths":{},"currentContext":"podman"})");
  EngineEndpoint e = find_engine_endpoint(env);
  EXPECT_EQ(e.socket_path, "/run/user/1000/podman/podman.sock");
  EXPECT_EQ(e.origin, "docker context podman");
}

TEST_F(EndpointTest, DockerConfigDirReplacesHome) {
  env.docker_config = dir / "elsewhere";
  write(dir / "elsewhere/config.json", R"({"currentContext":"my-ctx"})");
  write(dir / std::string("elsewhere/contexts/meta/") + kMyCtxDir + "/meta.json",
        meta("my-ctx", "unix:///elsewhere.sock"));
  EXPECT_EQ(find_engine_endpoint(env).socket_path, "/elsewhere.sock");
}

TEST_F(EndpointTest, DockerContextOverridesConfigJson) {
  write(dir / ".docker/config.json", R"({"currentContext":"podman"})");
  env.docker_context = "my-ctx";
  EXPECT_EQ(find_engine_endpoint(env).socket_path, "/tmp/my.sock");
}

TEST_F(EndpointTest, DockerHostOverridesEveryContext) {
  write(dir / ".docker/config.json", R"({"currentContext":"podman"})");
  env.docker_context = "my-ctx";
  env.docker_host = "unix:///var/run/other.sock";
  EngineEndpoint e = find_engine_endpoint(env);
  EXPECT_EQ(e.socket_path, "/var/run/other.sock");
  EXPECT_EQ(e.origin, "DOCKER_HOST");
}

TEST_F(EndpointTest, ContextNamedDefaultIsTheDefaultSocket) {
  write(dir / ".docker/config.json", R"({"currentContext":"default"})");
  EXPECT_EQ(find_engine_endpoint(env).socket_path, dir / "default.sock");
}

TEST_F(EndpointTest, UnknownContextIsAnInputError) {
  write(dir / ".docker/config.json", R"({"currentContext":"gone"})");
  try {
    find_engine_endpoint(env);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("docker context \"gone\" does not exist"), std::string::npos) << e.what();
  }
}

TEST_F(EndpointTest, MalformedConfigJsonIsAnInputError) {
  write(dir / ".docker/config.json", "{not json");
  EXPECT_THROW(find_engine_endpoint(env), InputError);
}

TEST_F(EndpointTest, OnlyUnixSocketsAreSpoken) {
  env.docker_host = "tcp://127.0.0.1:2375";
  try {
    find_engine_endpoint(env);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "DOCKER_HOST is tcp://127.0.0.1:2375: only unix:// sockets are supported (not tcp://)");
  }
  env.docker_host = "unix://relative.sock";
  EXPECT_THROW(find_engine_endpoint(env), InputError);
}

TEST_F(EndpointTest, PodmanSocketWhenDockerIsAbsent) {
  env.xdg_runtime_dir = dir / "xdg";
  // Positive control first: no podman socket either, so the default stays.
  EXPECT_EQ(find_engine_endpoint(env).origin, "default");
  write(dir / "xdg/podman/podman.sock", "");
  EngineEndpoint e = find_engine_endpoint(env);
  EXPECT_EQ(e.socket_path, dir / "xdg/podman/podman.sock");
  EXPECT_EQ(e.origin, "podman");
  // A present Docker socket wins over podman's.
  write(dir / "default.sock", "");
  EXPECT_EQ(find_engine_endpoint(env).origin, "default");
}

TEST_F(EndpointTest, RootPodmanSocket) {
  write(dir / "run-podman.sock", "");
  EXPECT_EQ(find_engine_endpoint(env).socket_path, dir / "run-podman.sock");
}

}  // namespace
}  // namespace ballast::image::engine

// The client's connection errors, through real libcurl (the happy path runs
// against a real dockerd and podman in tests/e2e/engine_test.sh).
#include "image/engine/engine_client.h"

namespace ballast::image::engine {
namespace {

std::string unavailable_reason(const std::string& socket) {
  try {
    EngineClient(EngineEndpoint{socket, "test"}).get("/_ping", 1024);
  } catch (const EngineUnavailable& e) {
    return e.reason();
  }
  return "(connected)";
}

TEST(EngineClientTest, MissingSocket) {
  testing::TempDir dir;
  EXPECT_EQ(unavailable_reason(dir / "none.sock"), "no such socket");
}

TEST(EngineClientTest, NotASocket) {
  testing::TempDir dir;
  std::ofstream(dir / "file.sock") << "x";
  EXPECT_EQ(unavailable_reason(dir / "file.sock"), "not a socket");
}

TEST(EngineClientTest, NothingListening) {
  testing::TempDir dir;
  std::string path = dir / "dead.sock";
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ::close(fd);  // bound, never listened: connect() is refused
  std::string reason = unavailable_reason(path);
  EXPECT_NE(reason, "(connected)");
  EXPECT_NE(reason, "no such socket");
}

}  // namespace
}  // namespace ballast::image::engine
