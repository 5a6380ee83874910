#include "python/finding_codes.h"

#include <array>

#include "util/error.h"

namespace ballast::python {

std::span<const FindingCode> finding_codes() {
  static constexpr std::array kCodes = {
      FindingCode{"DEP001", "missing", "imported (or run by the Dockerfile) but not declared"},
      FindingCode{"DEP002", "unused", "declared but never imported or run"},
      FindingCode{"DEP003", "transitive", "imported but only installed as another package's dependency"},
      FindingCode{"DEP004", "dev", "development/test tool in production requirements"},
      FindingCode{"DEP005", "stdlib", "standard-library module declared as a requirement"},
      FindingCode{"DEP101", "unpinned", "unpinned or range-pinned requirement"},
      FindingCode{"DEP102", "conflict", "conflicting pins for one package across the files"},
      FindingCode{"DEP103", "cuda", "CUDA build of torch/tensorflow/jax where no code uses a GPU"},
  };
  return kCodes;
}

bool add_fail_on_item(std::string_view item, std::vector<std::string>& ids) {
  bool found = false;
  for (const auto& code : finding_codes()) {
    if (item == "all" || item == "any" || item == code.id || item == code.name) {
      ids.emplace_back(code.id);
      found = true;
    }
  }
  return found;
}

std::string known_finding_names() {
  std::string known;
  for (const auto& code : finding_codes()) known += (known.empty() ? "" : ", ") + std::string(code.name);
  return known;
}

std::vector<std::string> parse_fail_on(std::string_view list) {
  std::vector<std::string> ids;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string_view item = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty() && !add_fail_on_item(item, ids))
      throw InputError("unknown finding '" + std::string(item) + "' (known: " + known_finding_names() + ", all, or an id)");
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return ids;
}

}  // namespace ballast::python
