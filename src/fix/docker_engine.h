// The real BuildEngine of `fix --verify`: the user's `docker` CLI as a
// subprocess with DOCKER_BUILDKIT=1 (so DOCKER_HOST, the current docker
// context and its TLS settings apply as in their shell, and BuildKit builds),
// and ballast's own analysis of `docker-daemon:TAG` for the figures, as
// `ballast analyze docker-daemon:TAG` reads it.
#pragma once

#include <string>

#include "fix/verify.h"

namespace ballast::fix {

class DockerCliEngine : public BuildEngine {
 public:
  explicit DockerCliEngine(std::string program = "docker") : program_(std::move(program)) {}

  void check_reachable() override;
  BuildOutcome build(const BuildSpec& spec) override;
  ImageFigures measure(const std::string& image) override;
  RunOutcome run(const std::string& image, const std::string& command, double timeout_seconds) override;
  std::string start(const std::string& image, RunOutcome& failed) override;
  RunOutcome observe(const std::string& container) override;
  void remove_container(const std::string& container) override;
  void remove_image(const std::string& image) override;
  void sleep(double seconds) override;

 private:
  struct Result {
    int exit_code;
    std::string out;
    std::string err;
    bool timed_out;
  };
  Result docker(std::vector<std::string> args, double timeout_seconds = 0) const;
  std::string container_name();

  std::string program_;
  int containers_ = 0;  // started so far, for unique container names
};

}  // namespace ballast::fix
