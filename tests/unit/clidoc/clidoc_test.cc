#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

#include <sstream>

#include "clidoc/cli_model.h"
#include "clidoc/completion.h"
#include "clidoc/man_page.h"

namespace ballast::clidoc {
namespace {

// A small app shaped like ballast's: a subcommand with an IMAGE positional,
// a choice option, a flag, a nested subcommand and a hidden one.
struct Fixture {
  CLI::App app{"tool: does things", "tool"};
  std::string image, format = "text", file;
  bool flag = false;
  Fixture() {
    auto* run = app.add_subcommand("run", "Run an image");
    run->add_option("IMAGE", image, "The image to run")->required();
    run->add_option("-f,--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
    run->add_flag("--quiet", flag, "Say less");
    auto* tools = app.add_subcommand("tools", "Tools");
    tools->add_subcommand("dump", "Dump it")->add_option("files", file, "Files to read");
    app.add_subcommand("secret", "Hidden")->group("");
  }
};

TEST(CliModel, ReadsOptionsChoicesPositionalsAndSkipsHidden) {
  Fixture f;
  CommandDoc doc = describe(f.app);
  EXPECT_EQ(doc.name, "tool");
  ASSERT_EQ(doc.subcommands.size(), 2u);  // "secret" is hidden
  const CommandDoc& run = doc.subcommands[0];
  EXPECT_EQ(run.name, "run");
  ASSERT_EQ(run.positionals.size(), 1u);
  EXPECT_EQ(run.positionals[0].name, "IMAGE");
  EXPECT_TRUE(run.positionals[0].required);
  EXPECT_TRUE(run.positionals[0].names_image);
  const OptionDoc* format = nullptr;
  const OptionDoc* quiet = nullptr;
  for (const auto& o : run.options) {
    if (!o.long_names.empty() && o.long_names[0] == "format") format = &o;
    if (!o.long_names.empty() && o.long_names[0] == "quiet") quiet = &o;
  }
  ASSERT_NE(format, nullptr);
  EXPECT_EQ(format->short_names, std::vector<std::string>{"f"});
  EXPECT_EQ(format->choices, (std::vector<std::string>{"text", "json"}));
  EXPECT_EQ(format->value_name, "TEXT");
  ASSERT_NE(quiet, nullptr);
  EXPECT_TRUE(quiet->value_name.empty());
  // A positional that names no image is completed with files only.
  ASSERT_EQ(doc.subcommands[1].subcommands.size(), 1u);
  EXPECT_FALSE(doc.subcommands[1].subcommands[0].positionals[0].names_image);
}

TEST(ManPage, EscapesRoff) {
  EXPECT_EQ(roff_escape("--format"), "\\-\\-format");
  EXPECT_EQ(roff_escape(".hidden\n'quote"), "\\&.hidden\n\\&'quote");
  EXPECT_EQ(roff_escape("a\\b"), "a\\eb");
  // groff reads Latin-1: UTF-8 becomes its code point glyph (U+2026 HORIZONTAL ELLIPSIS, U+00E9),
  // and a stray continuation byte the replacement character.
  EXPECT_EQ(roff_escape("a\xE2\x80\xA6" "b \xC3\xA9"), "a\\[u2026]b \\[u00E9]");
  EXPECT_EQ(roff_escape("\x80x"), "\\[uFFFD]x");
}

TEST(ManPage, HasEverySubcommandAndOption) {
  Fixture f;
  std::ostringstream out;
  ManInfo info;
  info.source = "tool 1.0";
  info.after = {{"Exit status", {"0: fine."}}};
  render_man(describe(f.app), info, out);
  std::string man = out.str();
  EXPECT_NE(man.find(".TH TOOL 1 \"\" \"tool 1.0\" \"User Commands\""), std::string::npos);
  EXPECT_NE(man.find(".SH NAME\ntool \\- does things\n"), std::string::npos);  // "tool: " not repeated
  EXPECT_NE(man.find(".SS \"tool run\""), std::string::npos);
  EXPECT_NE(man.find(".SS \"tool tools dump\""), std::string::npos);
  EXPECT_NE(man.find("\\fB\\-f\\fR, \\fB\\-\\-format\\fR \\fITEXT\\fR"), std::string::npos);
  EXPECT_NE(man.find("(one of: text, json)"), std::string::npos);
  EXPECT_NE(man.find(".SH EXIT STATUS"), std::string::npos);
  EXPECT_EQ(man.find("secret"), std::string::npos);
}

TEST(Completion, ScriptsNameCommandsOptionsAndTheImageLister) {
  Fixture f;
  CommandDoc doc = describe(f.app);
  CompletionInfo info{"list-images-here"};
  for (Shell shell : {Shell::kBash, Shell::kZsh, Shell::kFish}) {
    std::ostringstream out;
    render_completion(shell, doc, info, out);
    std::string s = out.str();
    EXPECT_NE(s.find("run"), std::string::npos);
    EXPECT_NE(s.find("dump"), std::string::npos);
    EXPECT_NE(s.find("format"), std::string::npos);
    EXPECT_NE(s.find("list-images-here"), std::string::npos);
    EXPECT_EQ(s.find("secret"), std::string::npos);
  }
  EXPECT_EQ(parse_shell("zsh"), Shell::kZsh);
  EXPECT_FALSE(parse_shell("tcsh").has_value());
}

}  // namespace
}  // namespace ballast::clidoc
