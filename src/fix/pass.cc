#include "fix/pass.h"

#include "lint/rule_util.h"

namespace ballast::fix {
namespace {

bool is_assignment(std::string_view w) {
  if (w.empty() || !(std::isalpha(static_cast<unsigned char>(w[0])) || w[0] == '_')) return false;
  for (char c : w) {
    if (c == '=') return true;
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return false;
}

}  // namespace

int RawInvocation::word_of(std::string_view view) const {
  for (std::size_t k = 0; k < shell.words.size(); ++k) {
    const std::string& w = shell.words[k];
    if (view.data() >= w.data() && view.data() <= w.data() + w.size()) {
      return static_cast<int>(first + shell.assignments.size() + k);
    }
  }
  return -1;
}

Pass::Pass(std::string_view text, const FixOptions& options)
    : text_(text), options_(options), source_(text_), parsed_(dockerfile::parse_dockerfile(text_, "Dockerfile")) {
  model_ = dockerfile::build_stage_model(parsed_, options.lint.build_args, options.lint.target);
  input_ = std::make_unique<lint::LintInput>(parsed_, model_, options.lint.config, options.lint.context);
  findings_ = lint::lint_parsed(parsed_, options.lint);
  scans_.resize(parsed_.instructions.size());
  invocations_.resize(parsed_.instructions.size());
}

std::vector<int> Pass::flagged(std::string_view id) const {
  std::vector<int> out;
  for (int i = 0; i < count(); ++i) {
    if (!findings_at(id, i).empty()) out.push_back(i);
  }
  return out;
}

std::vector<const model::Finding*> Pass::findings_at(std::string_view id, int index) const {
  std::vector<const model::Finding*> out;
  for (const auto& f : findings_) {
    if (f.id == id && f.location && f.location->line == inst(index).start_line) out.push_back(&f);
  }
  return out;
}

const RawScan& Pass::scan(int index) {
  auto& slot = scans_[index];
  if (!slot) {
    const auto& in = inst(index);
    slot = scan_raw(text_, source_.head_begin(in), source_.head_end(in), parsed_.escape);
  }
  return *slot;
}

const std::vector<std::unique_ptr<RawInvocation>>& Pass::invocations(int index) {
  auto& slot = invocations_[index];
  if (slot) return *slot;
  slot.emplace();
  const auto& in = inst(index);
  if (in.keyword != "run" || in.json_form) return *slot;
  const RawScan& s = scan(index);
  for (std::size_t c = 0; c < s.commands.size(); ++c) {
    const RawCommand& cmd = s.commands[c];
    std::size_t first = 0;
    if (c == 0) {
      first = 1;  // RUN
      while (first < cmd.words.size() && cmd.words[first].text.starts_with("--")) ++first;
    }
    auto ri = std::make_unique<RawInvocation>();
    ri->command = &cmd;
    std::size_t k = first;
    while (k < cmd.words.size() && is_assignment(cmd.words[k].text)) ri->shell.assignments.push_back(cmd.words[k++].text);
    ri->first = first;
    for (; k < cmd.words.size(); ++k) ri->shell.words.push_back(cmd.words[k].text);
    ri->inv = lint::invocation_of(ri->shell);
    slot->push_back(std::move(ri));
  }
  return *slot;
}

std::size_t Pass::after_keyword(int index) {
  const RawScan& s = scan(index);
  return s.commands.front().words.front().end;
}

std::string Pass::user_at(int index) const {
  int stage = input_->stage_of[index];
  if (stage < 0) return {};
  std::string user;
  for (int i : input_->chain_instructions(stage)) {
    if (i >= index) break;
    if (inst(i).keyword == "user" && !inst(i).args.empty()) user = input_->expand(i, inst(i).args[0]);
  }
  std::string name = user.substr(0, user.find(':'));
  return name == "root" || name == "0" ? "" : name;
}

std::filesystem::path Pass::context_dir() const {
  return options_.context_dir ? *options_.context_dir : std::filesystem::path(".");
}

void Pass::withhold(std::string id, int index, std::string reason) {
  withheld_.push_back(Withheld{std::move(id), inst(index).start_line, std::move(reason)});
}

std::optional<Edit> append_command(Pass& pass, int index, std::string_view command, std::string& why) {
  const auto& in = pass.inst(index);
  if (in.json_form) {
    why = "exec-form RUN (a JSON array): there is no shell to chain a command with";
    return std::nullopt;
  }
  if (!in.heredocs.empty()) {
    why = "the RUN has a heredoc: ballast does not edit heredoc scripts";
    return std::nullopt;
  }
  const RawScan& s = pass.scan(index);
  if (s.comment_at != std::string::npos) {
    why = "the RUN ends in a shell comment: an appended command would be commented out";
    return std::nullopt;
  }
  if (s.trailing_separator || (!s.commands.empty() && s.commands.back().separator == "&")) {
    why = "the RUN ends with an operator";
    return std::nullopt;
  }
  const SourceText& src = pass.source();
  int last = src.head_last_line(in);
  Edit e;
  e.begin = e.end = src.head_end(in);
  if (last == in.start_line) {
    e.text = " && " + std::string(command);
    return e;
  }
  // The RUN's layout: `... && \` at line ends (trailing) or `&& ...` at
  // line starts (leading), whichever its continuation lines use more.
  int trailing_lines = 0, leading_lines = 0;
  for (int l = in.start_line; l <= last; ++l) {
    std::string_view c = src.content(l);
    std::string_view body = c.substr(src.indent(l).size());
    if (l > in.start_line && body.starts_with("&&")) ++leading_lines;
    if (l == last) break;
    while (!c.empty() && (c.back() == ' ' || c.back() == '\t')) c.remove_suffix(1);
    if (!c.empty() && c.back() == pass.parsed().escape) c.remove_suffix(1);
    while (!c.empty() && (c.back() == ' ' || c.back() == '\t')) c.remove_suffix(1);
    if (c.ends_with("&&")) ++trailing_lines;
  }
  bool trailing = trailing_lines > leading_lines;
  std::string indent(src.indent(last));
  std::string esc(1, pass.parsed().escape);
  if (trailing) {
    e.text = " && " + esc + std::string(src.eol()) + indent + std::string(command);
  } else {
    e.text = " " + esc + std::string(src.eol()) + indent + "&& " + std::string(command);
  }
  return e;
}

std::string command_program(const dockerfile::Instruction& in) {
  if (in.args.empty()) return "";
  return in.args.front().substr(0, in.args.front().find(' '));
}

Edit add_run_flag(Pass& pass, int index, std::string_view flag) {
  Edit e;
  e.begin = e.end = pass.after_keyword(index);
  e.text = " " + std::string(flag);
  return e;
}

}  // namespace ballast::fix
