#include "python/pyproject.h"

#include <cctype>

#include <toml++/toml.h>

#include "python/package_name.h"
#include "python/requirements_txt.h"

namespace ballast::python {

namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

void add_pep508_array(const toml::node* node, const std::string& display, const std::string& group,
                      bool dev, Declarations& out) {
  const toml::array* array = node ? node->as_array() : nullptr;
  if (!array) return;
  for (const toml::node& element : *array) {
    model::SourceLocation where{display, line_of(element)};
    auto text = element.value<std::string>();
    if (!text) {
      // PEP 735 {include-group = "x"} entries name another group, not a package.
      if (element.is_table() && element.as_table()->contains("include-group")) continue;
      out.warnings.push_back({where, "dependency entry is not a string (ignored)"});
      continue;
    }
    Requirement r;
    r.location = where;
    r.group = group;
    r.dev = dev;
    std::string error = parse_pep508(*text, r);
    if (!error.empty()) {
      out.warnings.push_back({where, "cannot parse requirement '" + *text + "': " + error});
      continue;
    }
    out.requirements.push_back(std::move(r));
  }
}

void add_poetry_table(const toml::node* node, const std::string& display, const std::string& group,
                      bool dev, Declarations& out) {
  const toml::table* table = node ? node->as_table() : nullptr;
  if (!table) return;
  for (auto&& [key, value] : *table) {
    std::string name(key.str());
    if (normalize_name(name) == "python") continue;  // the interpreter constraint, not a package
    Requirement r;
    r.name = name;
    r.normalized = normalize_name(name);
    r.group = group;
    r.dev = dev;
    r.location = {display, static_cast<int>(key.source().begin.line)};
    if (r.location.line == 0) r.location.line = line_of(value);
    if (!is_valid_name(name)) {
      out.warnings.push_back({r.location, "invalid package name '" + name + "'"});
      continue;
    }
    const toml::node* spec = &value;
    if (const toml::array* alternatives = value.as_array()) {
      // Multiple-constraint dependencies: one entry per marker; the first
      // stands for the package.
      if (alternatives->empty()) continue;
      spec = alternatives->get(0);
    }
    if (auto version = spec->value<std::string>()) {
      r.specifier = poetry_specifier(*version);
    } else if (const toml::table* details = spec->as_table()) {
      if (auto version = (*details)["version"].value<std::string>()) r.specifier = poetry_specifier(*version);
      for (const char* source : {"git", "url", "path"}) {
        if (auto where = (*details)[source].value<std::string>()) r.url = *where;
      }
      if (auto markers = (*details)["markers"].value<std::string>()) r.marker = *markers;
      if (const toml::array* extras = (*details)["extras"].as_array()) {
        for (const toml::node& e : *extras) {
          if (auto x = e.value<std::string>()) r.extras.push_back(normalize_name(*x));
        }
      }
    }
    out.requirements.push_back(std::move(r));
  }
}

void add_scripts(const toml::node* node, const std::string& display, Declarations& out) {
  const toml::table* table = node ? node->as_table() : nullptr;
  if (!table) return;
  for (auto&& [key, value] : *table) {
    std::optional<std::string> target = value.value<std::string>();
    if (!target && value.is_table()) target = (*value.as_table())["reference"].value<std::string>();
    if (!target) continue;
    std::string module = target->substr(0, target->find(':'));
    while (!module.empty() && std::isspace(static_cast<unsigned char>(module.back()))) module.pop_back();
    out.scripts.push_back({std::string(key.str()), module, {display, line_of(value)}});
  }
}

}  // namespace

std::string poetry_specifier(std::string_view constraint) {
  std::string s;
  for (char c : constraint) {
    if (!std::isspace(static_cast<unsigned char>(c))) s += c;
  }
  if (s.empty() || s == "*") return "";
  if (std::isdigit(static_cast<unsigned char>(s.front())) && s.find_first_of(",*|") == std::string::npos)
    return "==" + s;  // Poetry: a bare version is an exact pin
  return s;
}

bool read_pyproject(std::string_view text, const std::string& display, Declarations& out) {
  toml::table doc;
  try {
    doc = toml::parse(text, display);
  } catch (const toml::parse_error& e) {
    out.warnings.push_back({{display, static_cast<int>(e.source().begin.line),
                             static_cast<int>(e.source().begin.column)},
                            "not valid TOML: " + std::string(e.description())});
    return false;
  }
  out.files.push_back(display);

  if (auto name = doc["project"]["name"].value<std::string>()) out.project_names.push_back(normalize_name(*name));
  if (auto name = doc["tool"]["poetry"]["name"].value<std::string>())
    out.project_names.push_back(normalize_name(*name));

  add_pep508_array(doc["project"]["dependencies"].node(), display, "", false, out);
  if (const toml::table* optional = doc["project"]["optional-dependencies"].as_table()) {
    for (auto&& [key, value] : *optional) {
      std::string group(key.str());
      add_pep508_array(&value, display, group, is_dev_group_name(group), out);
    }
  }
  if (const toml::table* groups = doc["dependency-groups"].as_table()) {
    // PEP 735 groups are never installed with the package itself.
    for (auto&& [key, value] : *groups) add_pep508_array(&value, display, std::string(key.str()), true, out);
  }
  add_pep508_array(doc["tool"]["uv"]["dev-dependencies"].node(), display, "dev", true, out);

  add_poetry_table(doc["tool"]["poetry"]["dependencies"].node(), display, "", false, out);
  add_poetry_table(doc["tool"]["poetry"]["dev-dependencies"].node(), display, "dev", true, out);
  if (const toml::table* groups = doc["tool"]["poetry"]["group"].as_table()) {
    for (auto&& [key, value] : *groups) {
      std::string group(key.str());
      const toml::table* g = value.as_table();
      if (!g) continue;
      // Every group but "main" is opt-in (poetry install --only main skips them).
      add_poetry_table((*g)["dependencies"].node(), display, group, group != "main", out);
    }
  }

  add_scripts(doc["project"]["scripts"].node(), display, out);
  add_scripts(doc["project"]["gui-scripts"].node(), display, out);
  add_scripts(doc["tool"]["poetry"]["scripts"].node(), display, out);
  return true;
}

}  // namespace ballast::python
