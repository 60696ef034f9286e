// The preprocessor's driver: the include stack, directives, conditional groups, include search
// with #pragma once and include-guard detection, and diagnostics with their notes. Macro
// expansion is in macro_expand.cpp, #if expressions in pp_expr.cpp.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "pp_impl.h"

namespace kite::c {

namespace {

void note(Diagnostics& diags, const LineCol& lc, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
void note(Diagnostics& diags, const LineCol& lc, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diags.add(Severity::Note, lc.file, lc.line, lc.col, fmt, ap);
  va_end(ap);
}

// With read(2): an ifstream would build the C++ locale, a visible part of a small compile.
bool read_whole_file(const std::string& path, std::string* out) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return false;
  }
  out->resize(static_cast<size_t>(st.st_size));
  size_t used = 0;
  while (used < out->size()) {
    ssize_t n = read(fd, out->data() + used, out->size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    used += static_cast<size_t>(n);
  }
  close(fd);
  out->resize(used);
  return true;
}

bool is_regular_file(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string dir_of(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return std::string();
  return std::string(path.substr(0, slash + 1));
}

}  // namespace

void report(const SourceManager& sources, Diagnostics& diags, Severity sev, SourceLoc loc, uint32_t expansion,
            const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(sources, diags, sev, loc, expansion, fmt, ap);
  va_end(ap);
}

void vreport(const SourceManager& sources, Diagnostics& diags, Severity sev, SourceLoc loc, uint32_t expansion,
             const char* fmt, va_list ap) {
  if (sev == Severity::Error && diags.at_limit()) return;
  LineCol lc = sources.locate(loc);
  diags.add(sev, lc.file, lc.line, lc.col, fmt, ap);
  // The macros the token came from, innermost first (a few are enough to see the chain).
  for (uint32_t e = expansion, n = 0; e != 0 && n < 8; n++) {
    const SourceManager::Expansion& x = sources.expansion(e);
    note(diags, sources.locate(x.definition), "in expansion of macro '%.*s'", static_cast<int>(x.name.size()),
         x.name.data());
    e = x.parent;
  }
  if (loc.file >= sources.num_files()) return;
  SourceLoc inc = sources.file(loc.file).included_from;
  for (uint32_t n = 0; inc.file != kNoFile && inc.file < sources.num_files() && n < kMaxIncludeDepth + 1; n++) {
    LineCol il = sources.locate(inc);
    note(diags, il, "in file included from %.*s:%u", static_cast<int>(il.file.size()), il.file.data(), il.line);
    inc = sources.file(inc.file).included_from;
  }
}

Preprocessor::Impl::Impl(SourceManager& s, Interner& n, const CompileOptions& o, Diagnostics& d)
    : sources(s), names(n), opts(o), diags(d) {
  ids.define = names.intern("define");
  ids.undef = names.intern("undef");
  ids.include = names.intern("include");
  ids.include_next = names.intern("include_next");
  ids.import = names.intern("import");
  ids.if_ = names.intern("if");
  ids.ifdef = names.intern("ifdef");
  ids.ifndef = names.intern("ifndef");
  ids.elif = names.intern("elif");
  ids.else_ = names.intern("else");
  ids.endif = names.intern("endif");
  ids.line = names.intern("line");
  ids.error = names.intern("error");
  ids.warning = names.intern("warning");
  ids.pragma = names.intern("pragma");
  ids.ident = names.intern("ident");
  ids.sccs = names.intern("sccs");
  ids.once = names.intern("once");
  ids.va_args = names.intern("__VA_ARGS__");
  ids.defined = names.intern("defined");
  ids.has_include = names.intern("__has_include");
  ids.has_include_next = names.intern("__has_include_next");
  for (const std::string& dir : opts.include_dirs) search_dirs.push_back(dir);
  num_quote_dirs = static_cast<uint32_t>(search_dirs.size());
  if (opts.system_include_dirs.empty()) {
    // The default order: Kite's own headers, then the system's (never gcc's private ones).
#ifdef KITE_C_INCLUDE_DIR
    search_dirs.push_back(KITE_C_INCLUDE_DIR);
#endif
    search_dirs.push_back("/usr/local/include");
    search_dirs.push_back("/usr/include/x86_64-linux-gnu");
    search_dirs.push_back("/usr/include");
  } else {
    for (const std::string& dir : opts.system_include_dirs) search_dirs.push_back(dir);
  }
  for (std::string& dir : search_dirs)
    if (!dir.empty() && dir.back() != '/') dir.push_back('/');
}

void Preprocessor::Impl::error(const Token& t, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(sources, diags, Severity::Error, t.loc, t.expansion, fmt, ap);
  va_end(ap);
}

void Preprocessor::Impl::warning(const Token& t, const char* fmt, ...) {
  if (!opts.warnings) return;
  if (t.loc.file < sources.num_files() && sources.file(t.loc.file).system) return;
  va_list ap;
  va_start(ap, fmt);
  vreport(sources, diags, Severity::Warning, t.loc, t.expansion, fmt, ap);
  va_end(ap);
}

void Preprocessor::Impl::push_file(uint32_t file, std::string path, uint32_t search_index) {
  FileState fs;
  fs.lexer = std::make_unique<Lexer>(sources, file, names, diags);
  fs.file = file;
  fs.search_index = search_index;
  fs.cond_base = static_cast<uint32_t>(conds.size());
  fs.include_level = files.empty() ? 0 : files.back().include_level + 1;
  fs.dir = dir_of(path);
  fs.path = std::move(path);
  files.push_back(std::move(fs));
}

void Preprocessor::Impl::pop_file() {
  FileState& f = files.back();
  while (conds.size() > f.cond_base) {
    Token t;
    t.loc = conds.back().loc;
    error(t, "unterminated conditional directive");
    conds.pop_back();
  }
  if (f.guard_state == 2) guarded_files[f.path] = f.guard_macro;
  files.pop_back();
}

Token Preprocessor::Impl::lex_file_token() {
  FileState& f = files.back();
  if (f.has_peek) {
    f.has_peek = false;
    return f.peek;
  }
  return f.lexer->next();
}

void Preprocessor::Impl::note_file_content() {
  FileState& f = files.back();
  if (f.guard_state != 1) f.guard_state = 3;
}

Token Preprocessor::Impl::lex() {
  for (;;) {
    if (!pending.empty()) {
      Token t = pending.back();
      pending.pop_back();
      return t;
    }
    if (files.empty()) {
      Token t;
      t.kind = TokKind::Eof;
      return t;
    }
    Token t = lex_file_token();
    if (t.kind == TokKind::Eof) {
      bool last = files.size() == 1;
      pop_file();
      if (last) return t;
      continue;
    }
    expansion_tokens = 0;
    expansion_overflow = false;
    if (t.is(Punct::Hash) && (t.flags & kAtLineStart)) {
      directive(t);
      continue;
    }
    if (files.back().guard_state != 1) note_file_content();
    return t;
  }
}

bool Preprocessor::Impl::line_token(Token* t) {
  *t = lex_file_token();
  if (t->kind != TokKind::Eof && !(t->flags & kAtLineStart)) return true;
  FileState& f = files.back();
  f.peek = *t;
  f.has_peek = true;
  return false;
}

void Preprocessor::Impl::read_line(std::vector<Token>* out) {
  for (Token t; line_token(&t);) out->push_back(t);
}

void Preprocessor::Impl::skip_rest_of_line() {
  FileState& f = files.back();
  if (f.has_peek) return;  // the line has ended already
  f.lexer->skip_line();
}

// Skips the lines of a group whose condition is false, up to the #elif, #else or #endif that
// ends it (nested groups are counted, not kept). An #elif or #else that takes over returns
// with its group being read; #endif pops the Cond.
void Preprocessor::Impl::skip_group() {
  uint32_t nested = 0;
  FileState& f = files.back();
  const std::string& text = sources.file(f.file).text;
  for (;;) {
    if (!f.has_peek) {
      // Most skipped lines are not directives: look at the bytes before lexing anything, so
      // that text like "don't" in an #if 0 block gives no lexer errors.
      uint32_t p = f.lexer->offset();
      while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) p++;
      if (p < text.size() && text[p] != '#' && text[p] != '/' && text[p] != '\\' && text[p] != '%') {
        f.lexer->skip_line();
        continue;
      }
    }
    Token t = lex_file_token();
    if (t.kind == TokKind::Eof) {
      f.peek = t;
      f.has_peek = true;
      return;  // pop_file reports the open group
    }
    if (!t.is(Punct::Hash) || !(t.flags & kAtLineStart)) {
      skip_rest_of_line();
      continue;
    }
    Token d = lex_file_token();
    if (d.kind == TokKind::Eof || (d.flags & kAtLineStart)) {
      f.peek = d;
      f.has_peek = true;
      continue;
    }
    if (d.kind != TokKind::Identifier) {
      skip_rest_of_line();
      continue;
    }
    NameId n = d.spelling;
    if (n == ids.if_ || n == ids.ifdef || n == ids.ifndef) {
      nested++;
    } else if (n == ids.endif) {
      if (nested == 0) {
        conds.pop_back();
        skip_rest_of_line();
        return;
      }
      nested--;
    } else if (nested == 0 && (n == ids.elif || n == ids.else_)) {
      Cond& c = conds.back();
      if (c.seen_else) error(d, "#%s after #else", n == ids.elif ? "elif" : "else");
      if (n == ids.else_) {
        c.seen_else = true;
        skip_rest_of_line();
        if (!c.taken) {
          c.taken = true;
          return;
        }
        continue;
      }
      if (!c.taken) {
        if (eval_if(d)) {
          conds.back().taken = true;
          return;
        }
        continue;  // eval_if read the line
      }
    }
    skip_rest_of_line();
  }
}

void Preprocessor::Impl::directive(const Token& hash) {
  FileState& f = files.back();
  Token d = lex_file_token();
  if (d.kind == TokKind::Eof || (d.flags & kAtLineStart)) {  // the null directive
    f.peek = d;
    f.has_peek = true;
    if (f.guard_state != 1) f.guard_state = 3;
    return;
  }
  // A script's `#!` line (`#!/usr/bin/env -S kite run`) opens the main file: it is no
  // directive, and skipping it lets the file run when made executable, as tcc allows.
  if (files.size() == 1 && hash.loc.offset == 0 && d.is(Punct::Bang) && !(d.flags & kLeadingSpace)) {
    f.guard_state = 3;
    return skip_rest_of_line();
  }
  NameId n = d.kind == TokKind::Identifier ? d.spelling : 0;
  // Include-guard detection: the file must open with #ifndef and have nothing after its #endif.
  if (f.guard_state == 0 && n != ids.ifndef) f.guard_state = 3;
  if (f.guard_state == 2) f.guard_state = 3;

  if (n == ids.define) return do_define(d);
  if (n == ids.undef) {
    Token name;
    bool on_line = line_token(&name);
    if (!on_line || name.kind != TokKind::Identifier) {
      error(d, "macro names must be identifiers");
      if (!on_line) return;
    } else if (Macro* m = find_macro(name.spelling)) {
      if (m->builtin != Builtin::None) warning(name, "undefining \"%s\"", std::string(names.str(name.spelling)).c_str());
      m->defined = false;
      m->body.clear();
      m->params.clear();
    }
    return skip_rest_of_line();
  }
  if (n == ids.include || n == ids.import) return do_include(d, false);
  if (n == ids.include_next) return do_include(d, files.size() > 1);
  if (n == ids.ifdef || n == ids.ifndef) {
    Token name = lex_file_token();
    bool ok = name.kind == TokKind::Identifier && !(name.flags & kAtLineStart);
    if (!ok) {
      error(d, "no macro name given in #%s directive", n == ids.ifdef ? "ifdef" : "ifndef");
      if (name.kind == TokKind::Eof || (name.flags & kAtLineStart)) {
        f.peek = name;
        f.has_peek = true;
      }
    }
    bool is_def = ok && find_macro(name.spelling) != nullptr;
    bool value = n == ids.ifdef ? is_def : !is_def;
    if (n == ids.ifndef && f.guard_state == 0 && ok) {
      f.guard_state = 1;
      f.guard_macro = name.spelling;
    } else if (f.guard_state == 0) {
      f.guard_state = 3;
    }
    if (ok) skip_rest_of_line();
    conds.push_back(Cond{hash.loc, value, false});
    if (!value) skip_group();
    return;
  }
  if (n == ids.if_) {
    bool value = eval_if(d);
    conds.push_back(Cond{hash.loc, value, false});
    if (!value) skip_group();
    return;
  }
  if (n == ids.elif || n == ids.else_) {
    if (conds.size() <= f.cond_base) {
      error(d, "#%s without #if", n == ids.elif ? "elif" : "else");
      return skip_rest_of_line();
    }
    Cond& c = conds.back();
    if (c.seen_else) error(d, "#%s after #else", n == ids.elif ? "elif" : "else");
    if (n == ids.else_) c.seen_else = true;
    if (f.guard_state == 1 && conds.size() == f.cond_base + 1) f.guard_state = 3;
    skip_rest_of_line();
    // The group before was being read, so this one and the rest of the chain are skipped.
    c.taken = true;
    skip_group();
    return;
  }
  if (n == ids.endif) {
    if (conds.size() <= f.cond_base) {
      error(d, "#endif without #if");
      return skip_rest_of_line();
    }
    conds.pop_back();
    if (f.guard_state == 1 && conds.size() == f.cond_base) f.guard_state = 2;
    return skip_rest_of_line();
  }
  if (n == ids.line || d.kind == TokKind::Number) return do_line(d);
  if (n == ids.error || n == ids.warning) {
    line_buf.clear();
    read_line(&line_buf);
    std::string msg;
    for (const Token& t : line_buf) {
      if (!msg.empty() && (t.flags & kLeadingSpace)) msg.push_back(' ');
      msg.append(spelling(t));
    }
    if (n == ids.error)
      error(d, "#error %s", msg.c_str());
    else
      warning(d, "#warning %s", msg.c_str());
    return;
  }
  if (n == ids.pragma) {
    line_buf.clear();
    read_line(&line_buf);
    if (line_buf.size() == 1 && line_buf[0].kind == TokKind::Identifier && line_buf[0].spelling == ids.once) {
      once_files.insert(f.path);
      struct stat st;
      if (stat(f.path.c_str(), &st) == 0) once_inodes.push_back({st.st_dev, st.st_ino});
    }
    if (!line_buf.empty() && line_buf[0].kind == TokKind::Identifier && names.str(line_buf[0].spelling) == "pack")
      pragma_pack(line_buf);
    // push_macro("NAME") / pop_macro("NAME") save and restore a definition (gcc, MSVC).
    if (line_buf.size() == 4 && line_buf[0].kind == TokKind::Identifier && line_buf[1].is(Punct::LParen) &&
        line_buf[2].kind == TokKind::String && line_buf[3].is(Punct::RParen)) {
      std::string_view which = names.str(line_buf[0].spelling);
      std::string_view s = names.str(line_buf[2].spelling);
      if (s.size() >= 2 && s[0] == '"' && (which == "push_macro" || which == "pop_macro")) {
        NameId n = names.intern(s.substr(1, s.size() - 2));
        std::vector<Macro>& saved = pushed_macros[n];
        Macro& slot = macro_slot(n);
        if (which == "push_macro") {
          saved.push_back(slot);
        } else if (!saved.empty()) {
          slot = std::move(saved.back());
          saved.pop_back();
        }
      }
    }
    return;  // other pragmas are ignored: they give no tokens
  }
  if (n == ids.ident || n == ids.sccs) return skip_rest_of_line();
  error(d, "invalid preprocessing directive #%.*s", static_cast<int>(spelling(d).size()), spelling(d).data());
  skip_rest_of_line();
}

void Preprocessor::Impl::do_line(const Token& at) {
  line_buf.clear();
  if (at.kind == TokKind::Number) line_buf.push_back(at);  // GNU `# 33 "file"`
  read_line(&line_buf);
  if_buf.clear();
  expand_list(line_buf.data(), line_buf.size(), &if_buf);
  if (if_buf.empty() || if_buf[0].kind != TokKind::Number) {
    error(at, "#line directive requires a positive integer argument");
    return;
  }
  std::string_view num = names.str(if_buf[0].spelling);
  uint64_t v = 0;
  for (char c : num) {
    if (c < '0' || c > '9') {
      error(if_buf[0], "\"%.*s\" after #line is not a positive integer", static_cast<int>(num.size()), num.data());
      return;
    }
    // C11 6.10.4p3's bound; checked per digit, so that the lines after it cannot wrap to 0.
    v = v * 10 + static_cast<uint64_t>(c - '0');
    if (v > 2147483647) {
      error(if_buf[0], "#line number out of range (at most 2147483647)");
      return;
    }
  }
  FileState& f = files.back();
  const SourceFile& sf = sources.file(f.file);
  std::string name = std::string(sources.locate(at.loc).file);
  if (if_buf.size() > 1 && if_buf[1].kind == TokKind::String) {
    std::string_view s = names.str(if_buf[1].spelling);
    name.clear();
    for (size_t i = 1; i + 1 < s.size(); i++) {
      if (s[i] == '\\' && i + 2 < s.size()) i++;
      name.push_back(s[i]);
    }
  }
  // The line after the directive gets the number: find where it starts.
  uint32_t next_offset = f.has_peek ? f.peek.loc.offset : f.lexer->offset();
  auto it = std::upper_bound(sf.line_starts.begin(), sf.line_starts.end(), next_offset);
  uint32_t line_start = *(it - 1);
  if (f.has_peek && f.peek.kind == TokKind::Eof) line_start = static_cast<uint32_t>(sf.text.size());
  sources.add_line_remap(f.file, line_start, static_cast<uint32_t>(v), name);
}

bool Preprocessor::Impl::find_include(const std::string& name, bool angled, bool next, std::string* path,
                                      uint32_t* index) {
  if (!name.empty() && name[0] == '/') {
    *path = name;
    *index = UINT32_MAX;
    return is_regular_file(name);
  }
  uint32_t start = 0;
  if (next) {
    start = files.back().search_index == UINT32_MAX ? 0 : files.back().search_index + 1;
  } else if (!angled) {
    *path = files.back().dir + name;
    if (is_regular_file(*path)) {
      *index = files.back().search_index;
      return true;
    }
  }
  for (uint32_t i = start; i < search_dirs.size(); i++) {
    *path = search_dirs[i] + name;
    if (is_regular_file(*path)) {
      *index = i;
      return true;
    }
  }
  return false;
}

void Preprocessor::Impl::do_include(const Token& at, bool next) {
  FileState& f = files.back();
  std::string name;
  bool angled = false;
  bool ok = true;
  if (!f.has_peek && f.lexer->header_name(&name)) {
    angled = true;
    skip_rest_of_line();
  } else {
    line_buf.clear();
    read_line(&line_buf);
    if (line_buf.size() == 1 && line_buf[0].kind == TokKind::String &&
        names.str(line_buf[0].spelling)[0] == '"') {
      std::string_view s = names.str(line_buf[0].spelling);
      name = std::string(s.substr(1, s.size() - 2));
    } else {
      if_buf.clear();
      expand_list(line_buf.data(), line_buf.size(), &if_buf);
      if (!if_buf.empty() && if_buf[0].kind == TokKind::String && names.str(if_buf[0].spelling)[0] == '"') {
        std::string_view s = names.str(if_buf[0].spelling);
        name = std::string(s.substr(1, s.size() - 2));
      } else if (!if_buf.empty() && if_buf[0].kind == TokKind::String && names.str(if_buf[0].spelling)[0] == '<') {
        std::string_view s = names.str(if_buf[0].spelling);  // made by __has_include's reader
        name = std::string(s.substr(1, s.size() - 2));
        angled = true;
      } else if (!if_buf.empty() && if_buf[0].is(Punct::Lt)) {
        angled = true;
        size_t i = 1;
        for (; i < if_buf.size() && !if_buf[i].is(Punct::Gt); i++) {
          if (i > 1 && (if_buf[i].flags & kLeadingSpace)) name.push_back(' ');
          name.append(spelling(if_buf[i]));
        }
        ok = i < if_buf.size();
      } else {
        ok = false;
      }
    }
  }
  if (!ok || name.empty()) {
    error(at, "#include expects \"FILENAME\" or <FILENAME>");
    return;
  }
  if (files.size() >= kMaxIncludeDepth) {
    error(at, "#include nested depth %u exceeds maximum of %u", static_cast<unsigned>(files.size()),
          kMaxIncludeDepth);
    return;
  }
  std::string path;
  uint32_t index = UINT32_MAX;
  if (!find_include(name, angled, next, &path, &index)) {
    error(at, "'%s' file not found", name.c_str());
    return;
  }
  if (is_once_file(path)) return;
  auto g = guarded_files.find(path);
  if (g != guarded_files.end() && find_macro(g->second)) return;
  std::string text;
  if (!read_whole_file(path, &text)) {
    error(at, "cannot read '%s': %s", path.c_str(), strerror(errno));
    return;
  }
  bool system = index != UINT32_MAX && index >= num_quote_dirs;
  if (index == UINT32_MAX && files.back().file < sources.num_files()) system = sources.file(files.back().file).system;
  uint32_t id = sources.add_file(path, std::move(text), at.loc, system);
  push_file(id, std::move(path), index);
}

void Preprocessor::Impl::force_include(const std::string& name) {
  // gcc looks in the current directory first (not the main file's), then along the
  // #include "..." chain.
  std::string path;
  uint32_t index = UINT32_MAX;
  bool found = !name.empty() && is_regular_file(name);
  if (found) {
    path = name;
  } else if (!name.empty() && name[0] != '/') {
    for (uint32_t i = 0; i < search_dirs.size() && !found; i++) {
      path = search_dirs[i] + name;
      if (is_regular_file(path)) {
        found = true;
        index = i;
      }
    }
  }
  std::string text;
  if (!found || !read_whole_file(path, &text)) {
    diags.error("<command line>", 0, 0, "cannot find '%s' for -include", name.c_str());
    return;
  }
  bool system = index != UINT32_MAX && index >= num_quote_dirs;
  uint32_t id = sources.add_file(path, std::move(text), SourceLoc{kNoFile, 0}, system);
  push_file(id, std::move(path), index);
}

bool Preprocessor::Impl::is_once_file(const std::string& path) const {
  if (once_files.count(path)) return true;
  if (once_inodes.empty()) return false;  // no stat(2) per #include unless #pragma once was seen
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return false;
  for (const auto& [dev, ino] : once_inodes)
    if (dev == st.st_dev && ino == st.st_ino) return true;
  return false;
}

Preprocessor::Preprocessor(SourceManager& sources, Interner& names, const CompileOptions& opts, Diagnostics& diags)
    : impl_(std::make_unique<Impl>(sources, names, opts, diags)) {}

Preprocessor::~Preprocessor() = default;

void Preprocessor::enter_main(std::string_view name, std::string_view text) {
  Impl& p = *impl_;
  p.base_file = std::string(name);
  time_t now = time(nullptr);
  struct tm tm_now;
  localtime_r(&now, &tm_now);
  char buf[64];
  strftime(buf, sizeof buf, "\"%b %e %Y\"", &tm_now);
  p.date_text = buf;
  strftime(buf, sizeof buf, "\"%H:%M:%S\"", &tm_now);
  p.time_text = buf;
  p.define_builtins();
  p.define_text(predefined_macros_text(p.opts), "<built-in>");
  std::string cmdline;
  for (const auto& [n, v] : p.opts.defines) {
    cmdline += "#define ";
    cmdline += n;
    cmdline += ' ';
    cmdline += v;
    cmdline += '\n';
  }
  for (const std::string& n : p.opts.undefines) cmdline += "#undef " + n + "\n";
  if (!cmdline.empty()) p.define_text(cmdline, "<command line>");
  uint32_t id = p.sources.add_file(std::string(name), std::string(text), SourceLoc{kNoFile, 0}, false);
  p.push_file(id, std::string(name), UINT32_MAX);
  // -include files go above the main file on the stack, the first one on top, so that each
  // is read to its end before the next and the main file comes last.
  for (size_t i = p.opts.forced_includes.size(); i-- > 0;) p.force_include(p.opts.forced_includes[i]);
}

Token Preprocessor::next() { return impl_->expand_next(); }

}  // namespace kite::c
