#include "python/dockerfile_uses.h"

#include <cctype>

#include "dockerfile/parser.h"
#include "dockerfile/shell_split.h"
#include "python/import_scan.h"
#include "python/known_packages.h"
#include "python/package_name.h"
#include "python/requirements_txt.h"

namespace ballast::python {

namespace {

std::string basename(std::string_view word) {
  size_t slash = word.rfind('/');
  return std::string(slash == std::string_view::npos ? word : word.substr(slash + 1));
}

bool is_python(std::string_view cmd) {
  // python, python3, python3.11, pypy3
  return cmd.rfind("python", 0) == 0 || cmd.rfind("pypy", 0) == 0;
}

bool is_assignment(std::string_view word) {
  size_t eq = word.find('=');
  if (eq == std::string_view::npos || eq == 0) return false;
  for (size_t k = 0; k < eq; ++k) {
    if (!(std::isalnum(static_cast<unsigned char>(word[k])) || word[k] == '_')) return false;
  }
  return true;
}

// "uvicorn.workers.UvicornWorker", "app.main:app", "proj" after -A: a module
// reference when it is a dotted identifier path (with an optional ":attr").
bool is_module_reference(std::string_view word) {
  std::string_view path = word.substr(0, word.find(':'));
  if (path.empty() || !(std::isalpha(static_cast<unsigned char>(path[0])) || path[0] == '_')) return false;
  for (char c : path) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.')) return false;
  }
  return path.find('.') != std::string_view::npos || word.find(':') != std::string_view::npos;
}

void add_use(DockerfileFacts& out, std::string dist, std::string module, std::string_view command,
             const model::SourceLocation& where) {
  out.uses.push_back({std::move(dist), std::move(module), std::string(command), where});
}

void pip_install(const std::vector<std::string>& argv, size_t k, const model::SourceLocation& where,
                 DockerfileFacts& out) {
  for (; k < argv.size(); ++k) {
    const std::string& w = argv[k];
    std::string option = w, value;
    size_t eq = w.find('=');
    if (w.rfind("--", 0) == 0 && eq != std::string::npos) {
      option = w.substr(0, eq);
      value = w.substr(eq + 1);
    }
    auto take_value = [&]() {
      if (value.empty() && k + 1 < argv.size()) value = argv[++k];
      return value;
    };
    if (option == "-r" || option == "--requirement" || option == "-c" || option == "--constraint") {
      out.requirement_files.push_back(take_value());
    } else if (option == "-i" || option == "--index-url" || option == "--extra-index-url" || option == "-f" ||
               option == "--find-links") {
      out.installs.indexes.push_back(
          {take_value(), option == "--extra-index-url", option == "-f" || option == "--find-links", where});
    } else if (option == "-e" || option == "--editable") {
      take_value();
    } else if (option == "-t" || option == "--target" || option == "--prefix" || option == "--root" ||
               option == "--trusted-host" || option == "--platform" || option == "--python-version" ||
               option == "--implementation" || option == "--abi" || option == "--only-binary" ||
               option == "--no-binary" || option == "--progress-bar" || option == "--cache-dir" ||
               option == "--src" || option == "--upgrade-strategy" || option == "--python") {
      take_value();
    } else if (!w.empty() && w[0] == '-') {
      // boolean flags: --no-cache-dir, --user, -U, --no-deps ...
    } else if (w.find('$') == std::string::npos && w != "." && w.find('/') == std::string::npos) {
      Requirement r;
      r.location = where;
      if (parse_pep508(w, r).empty() && !r.normalized.empty()) out.installs.requirements.push_back(std::move(r));
    }
  }
}

}  // namespace

std::vector<std::vector<std::string>> split_shell_commands(std::string_view script) {
  std::vector<std::vector<std::string>> commands;
  for (dockerfile::ShellCommand& c : dockerfile::split_shell(script)) {
    // Leading NAME=value words only set the environment of the command.
    if (!c.words.empty()) commands.push_back(std::move(c.words));
  }
  return commands;
}

void scan_command(const std::vector<std::string>& argv, const model::SourceLocation& where, DockerfileFacts& out) {
  size_t k = 0;
  while (k < argv.size()) {
    std::string cmd = basename(argv[k]);
    // Wrappers that run the rest of the line as a command.
    if (is_assignment(argv[k]) || cmd == "exec" || cmd == "nohup" || cmd == "time" || cmd == "sudo" ||
        cmd == "tini" || cmd == "dumb-init" || cmd == "--" || cmd == "env") {
      ++k;
      continue;
    }
    if ((cmd == "gosu" || cmd == "su-exec") && k + 2 <= argv.size()) {
      k += 2;
      continue;
    }
    if ((cmd == "uv" || cmd == "poetry" || cmd == "pipenv" || cmd == "pdm" || cmd == "hatch") && k + 1 < argv.size() &&
        argv[k + 1] == "run") {
      k += 2;
      continue;
    }
    if ((cmd == "sh" || cmd == "bash" || cmd == "ash" || cmd == "dash") && k + 2 < argv.size() && argv[k + 1] == "-c") {
      for (const auto& inner : split_shell_commands(argv[k + 2])) scan_command(inner, where, out);
      return;
    }
    if (cmd == "newrelic-admin" && k + 1 < argv.size() && argv[k + 1] == "run-program") {
      add_use(out, "newrelic", "", cmd, where);
      k += 2;
      continue;
    }
    if (cmd == "ddtrace-run" || cmd == "opentelemetry-instrument") {
      add_use(out, std::string(distribution_for_command(cmd)), "", cmd, where);
      ++k;
      continue;
    }
    break;
  }
  if (k >= argv.size()) return;
  std::string cmd = basename(argv[k]);
  if (is_python(cmd)) {
    for (size_t j = k + 1; j < argv.size(); ++j) {
      const std::string& w = argv[j];
      if (w == "-m" && j + 1 < argv.size()) {
        std::string module = argv[j + 1];
        if (module == "pip" && j + 2 < argv.size() && argv[j + 2] == "install") return pip_install(argv, j + 3, where, out);
        add_use(out, "", top_level(module), cmd + " -m " + module, where);
        // `python -m uvicorn app:app`: the rest is that command's arguments.
        std::vector<std::string> rest(argv.begin() + static_cast<long>(j) + 1, argv.end());
        rest[0] = top_level(module);
        if (!distribution_for_command(rest[0]).empty()) scan_command(rest, where, out);
        return;
      }
      if (w == "-c" && j + 1 < argv.size()) {
        for (const ImportUse& use : scan_imports(argv[j + 1]).imports) {
          if (use.level == 0 && !use.module.empty()) add_use(out, "", top_level(use.module), cmd + " -c", where);
        }
        return;
      }
      if (w.empty() || w[0] != '-') return;  // a script path: its imports are scanned with the sources
    }
    return;
  }
  if ((cmd == "pip" || cmd == "pip3" || cmd.rfind("pip3.", 0) == 0) && k + 1 < argv.size() && argv[k + 1] == "install")
    return pip_install(argv, k + 2, where, out);
  if (cmd == "uv" && k + 2 < argv.size() && argv[k + 1] == "pip" && argv[k + 2] == "install")
    return pip_install(argv, k + 3, where, out);
  std::string_view dist = distribution_for_command(cmd);
  if (dist.empty()) return;
  add_use(out, std::string(dist), "", cmd, where);
  // Module references among the arguments: worker classes, app paths, -A proj.
  for (size_t j = k + 1; j < argv.size(); ++j) {
    std::string w = argv[j];
    size_t eq = w.find('=');
    if (w.rfind("--", 0) == 0 && eq != std::string::npos) w = w.substr(eq + 1);
    else if (!w.empty() && w[0] == '-') continue;
    if (is_module_reference(w)) add_use(out, "", top_level(w.substr(0, w.find(':'))), cmd, where);
    else if ((argv[j - 1] == "-A" || argv[j - 1] == "--app") && is_valid_name(w))
      add_use(out, "", w, cmd, where);
  }
}

DockerfileFacts read_dockerfile_facts(const dockerfile::ParsedDockerfile& df, const std::string& display) {
  DockerfileFacts out;
  for (const dockerfile::Instruction& inst : df.instructions) {
    if (inst.keyword != "run" && inst.keyword != "cmd" && inst.keyword != "entrypoint") continue;
    model::SourceLocation where{display, inst.start_line};
    if (inst.json_form) {
      scan_command(inst.args, where, out);
    } else {
      for (const auto& arg : inst.args) {
        for (const auto& argv : split_shell_commands(arg)) scan_command(argv, where, out);
      }
    }
    for (const auto& heredoc : inst.heredocs) {
      for (const auto& argv : split_shell_commands(heredoc.content)) scan_command(argv, where, out);
    }
  }
  return out;
}

}  // namespace ballast::python
