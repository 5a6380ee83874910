// BA1005 (pip cache), BA1015 (GPU wheels of torch/tensorflow without a GPU
// base), BA1016 (dev/test tools in the final image). Facts: pip keeps every
// downloaded wheel in ~/.cache/pip unless --no-cache-dir or PIP_NO_CACHE_DIR;
// PyPI's default torch wheels for Linux x86_64 bundle CUDA libraries (~2-3 GB)
// while https://download.pytorch.org/whl/cpu serves CPU-only ones (~200 MB).
#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

bool is_pip_install(const Invocation& inv) {
  if (inv.program == "pip" && inv.sub == "install") return true;
  return inv.program == "uv" && inv.sub == "pip" && !inv.operands.empty() && inv.operands[0] == "install";
}

std::string env_value(const LintInput& input, int index, std::string_view key) {
  if (const auto* env = input.env_at(index)) {
    if (const std::string* v = env->get(key)) return *v;
  }
  return {};
}

// pip reads PIP_NO_CACHE_DIR with strtobool and, for backward compatibility,
// disables the cache for every valid value, false ones included (pip's
// cmdoptions._handle_no_cache_dir; `PIP_NO_CACHE_DIR=0 pip cache dir` says
// "cache is disabled"). Empty leaves the cache on; anything else is a pip error.
bool pip_bool(std::string_view value) {
  static constexpr std::array<std::string_view, 12> kValid = {"y", "yes", "t", "true", "on", "1",
                                                              "n", "no", "f", "false", "off", "0"};
  std::string v = to_lower(value);
  return std::find(kValid.begin(), kValid.end(), v) != kValid.end();
}

// `KEY=value cmd` on the command itself, or `export KEY=value` earlier in the RUN.
std::optional<std::string> shell_value(const RunInfo& run, std::size_t k, std::string_view key) {
  std::string prefix = std::string(key) + "=";
  std::optional<std::string> found;
  for (std::size_t j = 0; j < k; ++j) {
    const auto& words = run.commands[j].words;
    if (words.empty() || words[0] != "export") continue;
    for (std::size_t w = 1; w < words.size(); ++w) {
      if (words[w].starts_with(prefix)) found = words[w].substr(prefix.size());
    }
  }
  for (const auto& a : run.commands[k].assignments) {
    if (a.starts_with(prefix)) found = a.substr(prefix.size());
  }
  return found;
}

bool assigned(const RunInfo& run, std::size_t k, std::string_view key) {
  auto v = shell_value(run, k, key);
  return v && !v->empty();
}

bool pip_cache_handled(const LintInput& input, int index, const RunInfo& run, std::size_t k) {
  const Invocation& inv = run.invocations[k];
  if (inv.program == "uv") {
    if (inv.has_flag("--no-cache") || !env_value(input, index, "UV_NO_CACHE").empty() ||
        assigned(run, k, "UV_NO_CACHE")) {
      return true;
    }
    for (const auto& m : run.mounts) {
      if ((m.type == "cache" || m.type == "tmpfs") &&
          (m.target.ends_with(".cache/uv") || m.target.ends_with(".cache") || m.target.ends_with(".cache/"))) {
        return true;
      }
    }
    return run.removes("/root/.cache/uv") || run.removes("/root/.cache");
  }
  if (inv.has_flag("--no-cache-dir")) return true;
  std::optional<std::string> no_cache = shell_value(run, k, "PIP_NO_CACHE_DIR");
  if (!no_cache) no_cache = env_value(input, index, "PIP_NO_CACHE_DIR");
  if (pip_bool(*no_cache)) return true;
  std::string cache_dir = env_value(input, index, "PIP_CACHE_DIR");
  for (const auto& m : run.mounts) {
    if (m.type != "cache" && m.type != "tmpfs") continue;
    std::string target = normalise_path(m.target);
    if (target.ends_with("/.cache/pip") || target.ends_with("/.cache") ||
        (!cache_dir.empty() && path_within(normalise_path(cache_dir), target))) {
      return true;
    }
  }
  if (run.removes("/root/.cache/pip") || run.removes("/root/.cache")) return true;
  return std::any_of(run.invocations.begin(), run.invocations.end(),
                     [](const Invocation& i) { return i.program == "pip" && i.sub == "cache"; });
}

bool looks_gpu(std::string_view base) {
  std::string b = to_lower(base);
  for (std::string_view marker : {"cuda", "nvidia", "gpu", "rocm", "pytorch/pytorch", "cudnn"}) {
    if (b.find(marker) != std::string::npos) return true;
  }
  return false;
}

bool cpu_index(const LintInput& input, int index, const Invocation& inv) {
  for (std::string_view flag : {"--index-url", "-i", "--extra-index-url", "--find-links", "-f"}) {
    if (inv.flag_value(flag).find("/cpu") != std::string_view::npos) return true;
  }
  for (std::string_view key : {"PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "UV_INDEX_URL", "UV_EXTRA_INDEX_URL"}) {
    if (env_value(input, index, key).find("/cpu") != std::string::npos) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 17> kDevTools = {
    "pytest", "black", "flake8", "mypy", "pylint", "ruff", "isort", "coverage", "tox", "pre-commit",
    "ipython", "jupyter", "jupyterlab", "notebook", "pytest-cov", "bandit", "nox"};

bool dev_requirements_file(std::string_view path) {
  std::string name = to_lower(basename_of(path));
  std::string full = to_lower(path);
  for (std::string_view marker : {"dev", "test", "lint", "docs"}) {
    if (name.find(marker) != std::string::npos) return true;
    if (full.find(std::string("/") + std::string(marker)) != std::string::npos &&
        full.find("requirements") != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

void check_pip(const LintInput& input, Sink& sink) {
  const dockerfile::Stage* root = input.final_root();
  bool gpu_image = root && looks_gpu(root->base);
  for_each_run(input, false, [&](int index, const RunInfo& run) {
    const auto& inst = input.inst(index);
    bool final = input.in_final(index);
    for (std::size_t k = 0; k < run.invocations.size(); ++k) {
      const Invocation& inv = run.invocations[k];
      if (!is_pip_install(inv)) continue;
      if (final && !pip_cache_handled(input, index, run, k)) {
        sink.report("BA1005", inst,
                    inv.program == "uv" ? "uv pip install without --no-cache (or a cache mount)" : std::string(),
                    "pip install --no-cache-dir ..., or RUN --mount=type=cache,target=/root/.cache/pip");
      }
      // Package operands (skip `install` for uv, and option values).
      std::vector<std::string> torch, tensorflow, dev;
      for (std::string_view op : inv.operands) {
        if (op == "install") continue;
        std::string name = requirement_name(op);
        if ((name == "torch" || name == "torchvision" || name == "torchaudio") &&
            op.find("+cpu") == std::string_view::npos) {
          torch.push_back(name);
        }
        if (name == "tensorflow" || name == "tensorflow-gpu") tensorflow.push_back(name);
        if (std::find(kDevTools.begin(), kDevTools.end(), name) != kDevTools.end()) dev.push_back(name);
        if ((op.starts_with(".[") || op.starts_with("-e")) &&
            (op.find("dev") != std::string_view::npos || op.find("test") != std::string_view::npos)) {
          dev.emplace_back(op);
        }
      }
      std::string_view req = inv.flag_value("-r");
      if (req.empty()) req = inv.flag_value("--requirement");
      if (!req.empty() && dev_requirements_file(req)) dev.emplace_back("-r " + std::string(req));
      if (!gpu_image && !torch.empty() && !cpu_index(input, index, inv)) {
        sink.report("BA1015", inst,
                    join(torch, ", ") + " from PyPI pulls the CUDA build (~2-3 GB) into an image with no GPU base",
                    "pip install --index-url https://download.pytorch.org/whl/cpu " + join(torch, " "));
      }
      if (!gpu_image && !tensorflow.empty()) {
        sink.report("BA1015", inst, "tensorflow with its GPU libraries in an image with no GPU base",
                    "pip install tensorflow-cpu");
      }
      if (final && !dev.empty()) {
        sink.report("BA1016", inst, "development/test tools installed in the final image: " + join(dev, ", "),
                    "install them in a test stage, or split requirements-dev.txt from requirements.txt");
      }
    }
  });
}

}  // namespace ballast::lint
