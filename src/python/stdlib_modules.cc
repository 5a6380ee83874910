#include "python/stdlib_modules.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace ballast::python {

namespace {

// In every version from 3.8 to 3.13 (sorted: binary search).
constexpr std::string_view kCommon[] = {
    "__future__", "_abc", "_ast", "_asyncio", "_bisect", "_blake2", "_bz2", "_codecs", "_codecs_cn",
    "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw", "_collections",
    "_collections_abc", "_compat_pickle", "_compression", "_contextvars", "_csv", "_ctypes", "_curses",
    "_curses_panel", "_datetime", "_dbm", "_decimal", "_elementtree", "_frozen_importlib",
    "_frozen_importlib_external", "_functools", "_gdbm", "_hashlib", "_heapq", "_imp", "_io", "_json",
    "_locale", "_lsprof", "_lzma", "_markupbase", "_md5", "_multibytecodec", "_multiprocessing", "_opcode",
    "_operator", "_osx_support", "_overlapped", "_pickle", "_posixshmem", "_posixsubprocess", "_py_abc",
    "_pydecimal", "_pyio", "_queue", "_random", "_scproxy", "_sha1", "_sha3", "_signal", "_sitebuiltins",
    "_socket", "_sqlite3", "_sre", "_ssl", "_stat", "_statistics", "_string", "_strptime", "_struct",
    "_symtable", "_thread", "_threading_local", "_tkinter", "_tracemalloc", "_uuid", "_warnings", "_weakref",
    "_weakrefset", "_winapi", "abc", "antigravity", "argparse", "array", "ast", "asyncio", "atexit", "base64",
    "bdb", "binascii", "bisect", "builtins", "bz2", "cProfile", "calendar", "cmath", "cmd", "code", "codecs",
    "codeop", "collections", "colorsys", "compileall", "concurrent", "configparser", "contextlib",
    "contextvars", "copy", "copyreg", "csv", "ctypes", "curses", "dataclasses", "datetime", "dbm", "decimal",
    "difflib", "dis", "doctest", "email", "encodings", "ensurepip", "enum", "errno", "faulthandler", "fcntl",
    "filecmp", "fileinput", "fnmatch", "fractions", "ftplib", "functools", "gc", "genericpath", "getopt",
    "getpass", "gettext", "glob", "grp", "gzip", "hashlib", "heapq", "hmac", "html", "http", "idlelib",
    "imaplib", "importlib", "inspect", "io", "ipaddress", "itertools", "json", "keyword", "linecache",
    "locale", "logging", "lzma", "mailbox", "marshal", "math", "mimetypes", "mmap", "modulefinder", "msvcrt",
    "multiprocessing", "netrc", "nt", "ntpath", "nturl2path", "numbers", "opcode", "operator", "optparse",
    "os", "pathlib", "pdb", "pickle", "pickletools", "pkgutil", "platform", "plistlib", "poplib", "posix",
    "posixpath", "pprint", "profile", "pstats", "pty", "pwd", "py_compile", "pyclbr", "pydoc", "pydoc_data",
    "pyexpat", "queue", "quopri", "random", "re", "readline", "reprlib", "resource", "rlcompleter", "runpy",
    "sched", "secrets", "select", "selectors", "shelve", "shlex", "shutil", "signal", "site", "smtplib",
    "socket", "socketserver", "sqlite3", "sre_compile", "sre_constants", "sre_parse", "ssl", "stat",
    "statistics", "string", "stringprep", "struct", "subprocess", "symtable", "sys", "sysconfig", "syslog",
    "tabnanny", "tarfile", "tempfile", "termios", "textwrap", "this", "threading", "time", "timeit",
    "tkinter", "token", "tokenize", "trace", "traceback", "tracemalloc", "tty", "turtle", "turtledemo",
    "types", "typing", "unicodedata", "unittest", "urllib", "uuid", "venv", "warnings", "wave", "weakref",
    "webbrowser", "winreg", "winsound", "wsgiref", "xml", "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib",
};

// Names present in only some versions: [first, last] minor version.
struct Versioned {
  std::string_view name;
  int first;
  int last;
};
constexpr Versioned kVersioned[] = {
    {"_aix_support", 9, 13},
    {"_android_support", 13, 13},
    {"_bootlocale", 8, 9},
    {"_bootsubprocess", 9, 11},
    {"_colorize", 13, 13},
    {"_crypt", 8, 12},
    {"_dummy_thread", 8, 8},
    {"_interpchannels", 13, 13},
    {"_interpqueues", 13, 13},
    {"_interpreters", 13, 13},
    {"_ios_support", 13, 13},
    {"_msi", 8, 12},
    {"_opcode_metadata", 13, 13},
    {"_peg_parser", 9, 9},
    {"_pydatetime", 12, 13},
    {"_pylong", 12, 13},
    {"_pyrepl", 13, 13},
    {"_sha2", 12, 13},
    {"_sha256", 8, 11},
    {"_sha512", 8, 11},
    {"_suggestions", 13, 13},
    {"_sysconfig", 13, 13},
    {"_tokenize", 11, 13},
    {"_typing", 11, 13},
    {"_wmi", 13, 13},
    {"_zoneinfo", 9, 13},
    {"aifc", 8, 12},
    {"asynchat", 8, 11},
    {"asyncore", 8, 11},
    {"audioop", 8, 12},
    {"binhex", 8, 10},
    {"cgi", 8, 12},
    {"cgitb", 8, 12},
    {"chunk", 8, 12},
    {"crypt", 8, 12},
    {"distutils", 8, 11},
    {"dummy_threading", 8, 8},
    {"formatter", 8, 9},
    {"graphlib", 9, 13},
    {"imghdr", 8, 12},
    {"imp", 8, 11},
    {"lib2to3", 8, 12},
    {"mailcap", 8, 12},
    {"msilib", 8, 12},
    {"nis", 8, 12},
    {"nntplib", 8, 12},
    {"ossaudiodev", 8, 12},
    {"parser", 8, 9},
    {"pipes", 8, 12},
    {"smtpd", 8, 11},
    {"sndhdr", 8, 12},
    {"spwd", 8, 12},
    {"sunau", 8, 12},
    {"symbol", 8, 9},
    {"telnetlib", 8, 12},
    {"tomllib", 11, 13},
    {"uu", 8, 12},
    {"xdrlib", 8, 12},
    {"zoneinfo", 9, 13},
};

}  // namespace

std::optional<int> parse_python_version(std::string_view text) {
  if (text.substr(0, 2) != "3.") return std::nullopt;
  std::string_view rest = text.substr(2);
  rest = rest.substr(0, rest.find('.'));  // "3.11.4" -> 11
  int minor = 0;
  auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), minor);
  if (ec != std::errc() || ptr != rest.data() + rest.size()) return std::nullopt;
  if (minor < kMinPythonMinor || minor > kMaxPythonMinor) return std::nullopt;
  return minor;
}

bool is_stdlib_module(std::string_view top_level, int minor) {
  if (std::binary_search(std::begin(kCommon), std::end(kCommon), top_level)) return true;
  for (const auto& v : kVersioned) {
    if (v.name == top_level) return minor >= v.first && minor <= v.last;
  }
  return false;
}

std::size_t stdlib_table_size() { return std::size(kCommon) + std::size(kVersioned); }

}  // namespace ballast::python
