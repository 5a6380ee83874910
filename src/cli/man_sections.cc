#include "cli/man_sections.h"

namespace ballast::cli {

clidoc::ManInfo man_sections() {
  clidoc::ManInfo info;
  info.before = {
      {"DESCRIPTION",
       {"ballast tells why a container image is big and what to do about it: where its bytes are, layer by layer, "
        "which are waste, which package or Dockerfile line put them there, and what the build context sends.",
        "Images are read from docker-save and OCI archives, OCI layouts, the local engine (docker-daemon:NAME or a "
        "bare NAME:TAG), registries (docker://) and standard input (-), without a daemon unless one is named.",
        "  ballast analyze myapp:latest\n  ballast lint Dockerfile\n  ballast check myapp:latest --max-stored 200MB\n"
        "  ballast diff myapp:1.0 myapp:1.1 --format markdown"}},
  };
  info.after = {
      {"EXIT STATUS",
       {"0: success. 1: a check failed (lint findings at the failure threshold, a budget crossed). "
        "2: bad input (a usage error, an unreadable image or file), reported in one line on standard error. "
        "3: an internal error."}},
      {"FILES",
       {".ballast.yaml (or .ballast.yml): the project configuration, searched upward from the current directory "
        "(lint: from each Dockerfile's directory); one section per command.",
        ".dockerignore: what the build context leaves out (context, lint). .dive-ci: dive's CI rules (check)."}},
      {"ENVIRONMENT",
       {"DOCKER_HOST: the engine socket read for docker-daemon: images (default unix:///var/run/docker.sock). "
        "DOCKER_CONFIG: where registry credentials are read."}},
      {"SEE ALSO",
       {"docker(1), dive(1), hadolint(1). The documentation is installed under /usr/share/doc/ballast."}},
  };
  return info;
}

}  // namespace ballast::cli
