// The real ContainerEngine: the user's `docker` CLI as a subprocess with
// DOCKER_BUILDKIT=1 (so DOCKER_HOST, the current docker context and its TLS
// settings apply as in their shell). fix's DockerCliEngine adds builds.
#pragma once

#include <string>
#include <vector>

#include "engine_run/container_engine.h"

namespace ballast::engine_run {

class DockerCli : public virtual ContainerEngine {
 public:
  explicit DockerCli(std::string program = "docker") : program_(std::move(program)) {}

  void check_reachable() override;
  RunOutcome run(const std::string& image, const std::string& command, double timeout_seconds) override;
  std::string start(const std::string& image, RunOutcome& failed) override;
  RunOutcome observe(const std::string& container) override;
  bool has_healthcheck(const std::string& image) override;
  std::string health(const std::string& container) override;
  std::string image_id(const std::string& reference) override;
  LoadOutcome load(const std::string& archive) override;
  LoadOutcome load_stream(const std::string& what, const std::function<void(int fd)>& write) override;
  void remove_container(const std::string& container) override;
  void remove_image(const std::string& image) override;
  void sleep(double seconds) override;

 protected:
  struct Result {
    int exit_code;
    std::string out;
    std::string err;
    bool timed_out;
  };
  Result docker(std::vector<std::string> args, double timeout_seconds = 0) const;
  const std::string& program() const { return program_; }

 private:
  std::string container_name();

  std::string program_;
  int containers_ = 0;  // started so far, for unique container names
};

// The references in `docker load`'s output ("Loaded image: X", "Loaded image ID: Y").
LoadOutcome parse_load_output(const std::string& out);

}  // namespace ballast::engine_run
