// The real BuildEngine of `fix --verify`: the shared docker CLI engine
// (engine_run/docker_cli.h: run, start, inspect, rm, rmi) plus `docker
// build` with BuildKit, and ballast's own analysis of `docker-daemon:TAG`
// for the figures, as `ballast analyze docker-daemon:TAG` reads it.
#pragma once

#include <string>

#include "engine_run/docker_cli.h"
#include "fix/verify.h"

namespace ballast::fix {

class DockerCliEngine : public BuildEngine, public engine_run::DockerCli {
 public:
  explicit DockerCliEngine(std::string program = "docker") : engine_run::DockerCli(std::move(program)) {}

  BuildOutcome build(const BuildSpec& spec) override;
  ImageFigures measure(const std::string& image) override;
};

}  // namespace ballast::fix
