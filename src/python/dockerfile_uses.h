// What a Dockerfile's commands say about Python packages: CMD/ENTRYPOINT/RUN
// running a console script (`uvicorn app:app`, `gunicorn -k
// uvicorn.workers.UvicornWorker`, `celery -A proj worker`), `python -m x`,
// `python -c "import x"`, and `pip install` lines (packages, -r files and
// index URLs, e.g. the CPU torch index). Reads dockerfile::Instruction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "python/declarations.h"

namespace ballast::dockerfile {
struct ParsedDockerfile;
}

namespace ballast::python {

// A package used without an import.
struct EntryPointUse {
  std::string distribution;  // normalised, when a known command names it
  std::string module;        // a top-level module the command loads ("uvicorn", "app")
  std::string command;       // the command word, for messages
  model::SourceLocation location;
};

struct DockerfileFacts {
  std::vector<EntryPointUse> uses;
  Declarations installs;                      // `pip install` packages and index options
  std::vector<std::string> requirement_files;  // `pip install -r FILE` targets, as written
};

DockerfileFacts read_dockerfile_facts(const dockerfile::ParsedDockerfile& dockerfile, const std::string& display);

// Shell text -> the argv of each simple command, through the Dockerfile
// module's one shell splitter (dockerfile/shell_split.h), leading NAME=value
// assignments left out.
std::vector<std::vector<std::string>> split_shell_commands(std::string_view script);

// One simple command, as found at `where`.
void scan_command(const std::vector<std::string>& argv, const model::SourceLocation& where, DockerfileFacts& out);

}  // namespace ballast::python
