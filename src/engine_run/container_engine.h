// The container engine as `fix --verify` and `slim --verify` drive it: load
// an image archive, run a command or the image's own CMD in a container,
// watch its state and health, remove what was made. An interface, so the
// decisions (smoke.h) are tested with a scripted engine; docker_cli.h is the
// real one (the user's `docker` CLI). Knows no command line.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace ballast::engine_run {

struct RunOutcome {
  bool running = false;  // still running when observed (the CMD mode)
  int exit_code = 0;
  std::string out;       // stdout
  std::string err;       // stderr, shown when the runs differ
  bool timed_out = false;  // the smoke command did not end in time (killed)
  std::string health;      // the health mode: the engine's last health status ("healthy", "unhealthy", "starting")
};

// What `docker load` made: the references it printed.
struct LoadOutcome {
  std::vector<std::string> tags;  // "Loaded image: NAME:TAG"
  std::string image_id;           // "Loaded image ID: sha256:…" (an archive without RepoTags)
  // What to run: the first tag, else the id.
  std::string reference() const { return tags.empty() ? image_id : tags.front(); }
};

class ContainerEngine {
 public:
  virtual ~ContainerEngine() = default;
  // Throws InputError (one line) when no engine answers.
  virtual void check_reachable() = 0;
  // `sh -c command` in a fresh container of `image`, removed afterwards;
  // stopped after `timeout_seconds`.
  virtual RunOutcome run(const std::string& image, const std::string& command, double timeout_seconds) = 0;
  // The image's own CMD/ENTRYPOINT in a detached container; returns its id,
  // or "" with `failed` filled when the engine could not start it (no CMD,
  // an entrypoint that is not there): an outcome to compare, not an error.
  virtual std::string start(const std::string& image, RunOutcome& failed) = 0;
  virtual RunOutcome observe(const std::string& container) = 0;
  // Whether the image's config has a HEALTHCHECK (one that is not NONE).
  virtual bool has_healthcheck(const std::string& image) = 0;
  // The container's health status: "starting", "healthy", "unhealthy", or
  // "" when it has none (or is gone).
  virtual std::string health(const std::string& container) = 0;
  // The image id (`sha256:…`) `reference` (an image id or NAME:TAG) names
  // in the engine, "" when it has none.
  virtual std::string image_id(const std::string& reference) = 0;
  bool has_image(const std::string& reference) { return !image_id(reference).empty(); }
  // `docker load -i archive`; throws InputError when the engine refuses it.
  virtual LoadOutcome load(const std::string& archive) = 0;
  // `docker load` of the archive `write` writes to the descriptor it is
  // given (docker load's stdin), so an image stored elsewhere (an OCI
  // layout, a registry) is loaded without a copy on disk; `what` names it in
  // errors. Throws InputError when the engine refuses it, or what `write`
  // threw when the engine took what it was given.
  virtual LoadOutcome load_stream(const std::string& what, const std::function<void(int fd)>& write) = 0;
  virtual void remove_container(const std::string& container) = 0;
  virtual void remove_image(const std::string& image) = 0;
  virtual void sleep(double seconds) = 0;
};

// Removes the images a run made (last made, first removed), also when a
// later step throws; errors while removing are swallowed (the error that
// got us here matters more).
class ImageCleanup {
 public:
  explicit ImageCleanup(ContainerEngine& engine) : engine_(engine) {}
  ~ImageCleanup();
  ImageCleanup(const ImageCleanup&) = delete;
  ImageCleanup& operator=(const ImageCleanup&) = delete;
  void add(const std::string& image) { images_.push_back(image); }

 private:
  ContainerEngine& engine_;
  std::vector<std::string> images_;
};

}  // namespace ballast::engine_run
