// What a simple command invokes once wrappers and flags are read: program,
// subcommand, flags and operands, checked against hand-derived values.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/shell_split.h"
#include "lint/invocation.h"

namespace ballast::lint {
namespace {

using dockerfile::ShellCommand;

TEST(Invocation, ProgramSubcommandFlags) {
  ShellCommand c;
  c.words = {"sudo", "-u", "root", "/usr/bin/apt-get", "-o", "Acquire::Retries=3", "-yq", "install", "curl"};
  auto inv = invocation_of(c);
  EXPECT_EQ(inv.program, "apt-get");
  EXPECT_EQ(inv.sub, "install");
  EXPECT_TRUE(inv.has_flag("-y"));
  EXPECT_FALSE(inv.has_flag("--no-install-recommends"));
  EXPECT_EQ(inv.operands, (std::vector<std::string_view>{"curl"}));

  c.words = {"python3.12", "-m", "pip", "install", "--index-url", "https://x/cpu", "torch"};
  inv = invocation_of(c);
  EXPECT_EQ(inv.program, "pip");
  EXPECT_EQ(inv.sub, "install");
  EXPECT_EQ(inv.flag_value("--index-url"), "https://x/cpu");
  EXPECT_EQ(inv.operands, (std::vector<std::string_view>{"torch"}));
}

}  // namespace
}  // namespace ballast::lint
