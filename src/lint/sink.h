// Where rules put what they find. A rule names the rule id and the instruction
// it is about; the sink fills in the table's message and severity and the
// location. Filtering (config, inline suppressions, off-by-default rules) is
// the linter's job, after all rules ran.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/instruction.h"
#include "model/finding.h"

namespace ballast::lint {

class Sink {
 public:
  explicit Sink(std::string file) : file_(std::move(file)) {}

  // `message` "" uses the rule's one-line message from the table.
  model::Finding& report(std::string_view id, const dockerfile::Instruction& at, std::string message = {},
                         std::string fix = {});
  // For findings about the file as a whole (no instruction): line 1.
  model::Finding& report_file(std::string_view id, std::string message = {}, std::string fix = {});

  std::vector<model::Finding>& findings() { return findings_; }

 private:
  std::string file_;
  std::vector<model::Finding> findings_;
};

}  // namespace ballast::lint
