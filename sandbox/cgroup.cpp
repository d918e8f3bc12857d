#include "sandbox/cgroup.hpp"

#include <fcntl.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "sandbox/leftovers.hpp"
#include "sandbox/sandbox.hpp"

namespace pyjudge::sandbox {

namespace fs = std::filesystem;

namespace {

std::atomic<unsigned> g_counter{0};

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  out.flush();
  return static_cast<bool>(out);
}

// Our own cgroup path in a hierarchy: the line of /proc/self/cgroup whose controller list
// contains `controller` (v1), or the "0::" line (v2).
std::optional<std::string> own_path(const std::string& controller) {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line)) {
    auto a = line.find(':');
    auto b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos) {
      continue;
    }
    std::string controllers = line.substr(a + 1, b - a - 1);
    std::string path = line.substr(b + 1);
    if (controller.empty()
            ? (line.starts_with("0::"))
            : ("," + controllers + ",").find("," + controller + ",") != std::string::npos) {
      return path;
    }
  }
  return std::nullopt;
}

// Where a filesystem type is mounted, with the option that names the v1 controller.
std::optional<std::string> mount_point(const std::string& type, const std::string& controller) {
  std::ifstream in("/proc/self/mounts");
  std::string dev;
  std::string dir;
  std::string fstype;
  std::string opts;
  std::string rest;
  while (in >> dev >> dir >> fstype >> opts && std::getline(in, rest)) {
    if (fstype != type) {
      continue;
    }
    if (controller.empty() ||
        ("," + opts + ",").find("," + controller + ",") != std::string::npos) {
      return dir;
    }
  }
  return std::nullopt;
}

uint64_t to_u64(const std::string& s) {
  try {
    return std::stoull(s);
  } catch (...) {
    return 0;
  }
}

// "key value" lines (memory.events, memory.oom_control, cpu.stat).
uint64_t field(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string k;
  uint64_t v = 0;
  while (in >> k >> v) {
    if (k == key) {
      return v;
    }
  }
  return 0;
}

constexpr std::string_view k_prefix = "pyjudge-";

// pyjudge-PID-N-NS: this pyjudge's pid, a counter, and its pid namespace.
std::string unique_name() {
  return fmt::format("{}{}-{}-{}", k_prefix, getpid(), g_counter.fetch_add(1), pid_namespace_id());
}

// Every process left in one cgroup folder killed, then the folder removed (rmdir succeeds
// once the last task has exited; kills are asynchronous): what an interrupted pyjudge does.
void kill_and_remove(const std::string& dir) {
  if (!write_text(dir + "/cgroup.kill", "1")) {  // v1 has no cgroup.kill
    std::istringstream procs(read_text(dir + "/cgroup.procs"));
    pid_t pid = 0;
    while (procs >> pid) {
      kill(pid, SIGCONT);
      kill(pid, SIGKILL);
    }
  }
  for (int tries = 0; rmdir(dir.c_str()) != 0 && errno == EBUSY && tries < 250; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(4));
  }
}

// Cgroups left in `parent` by a pyjudge that is gone (killed outright: SIGKILL, a crash):
// named by a pid of this pid namespace that no longer exists, empty, and an hour old. Once
// per parent and process.
void sweep_abandoned(const std::string& parent) {
  static std::mutex mutex;
  static std::set<std::string> swept;
  {
    std::lock_guard lock(mutex);
    if (!swept.insert(parent).second) {
      return;
    }
  }
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(parent, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!gone_owner(name, k_prefix)) {
      continue;  // not ours, or its pyjudge may be alive
    }
    size_t ns_dash = name.rfind('-');
    if (pid_namespace_id() == 0 || name.substr(ns_dash + 1) != std::to_string(pid_namespace_id()) ||
        std::count(name.begin(), name.end(), '-') != 3) {
      continue;  // another pid namespace's (or an older pyjudge's): its pid means nothing here
    }
    std::error_code time_ec;
    auto written = fs::last_write_time(it->path(), time_ec);
    if (time_ec || now - written < std::chrono::hours(1) ||
        !read_text(it->path().string() + "/cgroup.procs").empty()) {
      continue;
    }
    rmdir(it->path().c_str());  // fails harmlessly if a task entered it meanwhile
  }
}

}  // namespace

std::unique_ptr<Cgroup> Cgroup::create(const CgroupLimits& limits, std::string& why_not) {
  leftovers::Making making;  // made and remembered as one, even if pyjudge ends meanwhile
  std::unique_ptr<Cgroup> cg(new Cgroup());
  // v2, when the memory and pids controllers are delegated to our cgroup's children.
  auto v2_root = mount_point("cgroup2", "");
  auto v2_own = own_path("");
  if (v2_root && v2_own) {
    std::string parent = *v2_root + (*v2_own == "/" ? "" : *v2_own);
    std::string subtree = read_text(parent + "/cgroup.subtree_control");
    if (subtree.find("memory") != std::string::npos && subtree.find("pids") != std::string::npos) {
      sweep_abandoned(parent);
      std::string dir = parent + "/" + unique_name();
      if (mkdir(dir.c_str(), 0755) == 0) {
        cg->v2_ = true;
        cg->made(dir);
        // Every limit must hold, or there is no cgroup layer (never claim a limit not set).
        // memory.swap.max is absent without swap accounting; then there is no swap to use.
        std::error_code ec;
        bool swap_ok =
            write_text(dir + "/memory.swap.max", "0") || !fs::exists(dir + "/memory.swap.max", ec);
        if (swap_ok && cg->set_limits(limits)) {
          return cg;
        }
        why_not = fmt::format("cannot set the limits in {}", dir);
        return nullptr;  // the destructor removes it
      }
    }
  }
  // v1, as root: one cgroup in each of the memory, pids and cpuacct hierarchies.
  if (geteuid() != 0) {
    why_not =
        "no cgroup v2 delegation (memory and pids in cgroup.subtree_control) and not root for v1";
    return nullptr;
  }
  for (const char* controller : {"memory", "pids", "cpuacct"}) {
    auto root = mount_point("cgroup", controller);
    auto own = own_path(controller);
    if (!root || !own) {
      why_not = fmt::format("no cgroup v1 {} hierarchy mounted", controller);
      return nullptr;  // the destructor removes what was made
    }
    std::string parent = *root + (*own == "/" ? "" : *own);
    sweep_abandoned(parent);
    std::string dir = parent + "/" + unique_name();
    if (mkdir(dir.c_str(), 0755) != 0) {
      why_not = fmt::format("mkdir({}): {}", dir, std::strerror(errno));
      return nullptr;
    }
    cg->made(dir);
  }
  write_text(cg->dirs_[0] + "/memory.swappiness", "0");
  if (!cg->set_limits(limits)) {
    why_not = "cannot set memory.limit_in_bytes or pids.max";
    return nullptr;
  }
  return cg;
}

void Cgroup::made(const std::string& dir) {
  dirs_.push_back(dir);
  leftovers_.push_back(leftovers::remember([dir] { kill_and_remove(dir); }));
}

bool Cgroup::set_limits(const CgroupLimits& limits) {
  std::string bytes = std::to_string(limits.memory_bytes);
  const std::string& mem = dirs_[0];
  bool ok = false;
  if (v2_) {
    ok = write_text(mem + "/memory.max", bytes);
  } else {
    // No swap: memsw exists only with swap accounting (without swap there is none to use).
    // memory.limit_in_bytes may not exceed memsw's: raise memsw first, lower it last.
    std::error_code ec;
    if (!fs::exists(mem + "/memory.memsw.limit_in_bytes", ec)) {
      ok = write_text(mem + "/memory.limit_in_bytes", bytes);
    } else {
      ok = write_text(mem + "/memory.memsw.limit_in_bytes", bytes)
               ? write_text(mem + "/memory.limit_in_bytes", bytes)
               : write_text(mem + "/memory.limit_in_bytes", bytes) &&
                     write_text(mem + "/memory.memsw.limit_in_bytes", bytes);
    }
  }
  if (!ok || !write_text(dirs_[v2_ ? 0 : 1] + "/pids.max", std::to_string(limits.pids))) {
    return false;
  }
  description_ = fmt::format("cgroup v{}: memory {} MiB (no swap), {} tasks, CPU accounting",
                             v2_ ? 2 : 1, limits.memory_bytes >> 20, limits.pids);
  return true;
}

Cgroup::~Cgroup() {
  if (cpu_fd_ >= 0) {
    close(cpu_fd_);
  }
  kill_all();
  for (const auto& dir : dirs_) {
    // rmdir succeeds once the last task has exited; the kill above is asynchronous.
    int tries = 0;
    while (rmdir(dir.c_str()) != 0 && errno == EBUSY && ++tries <= 500) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (tries > 500) {
      std::fprintf(stderr, "pyjudge: warning: cgroup %s is still busy; left behind\n", dir.c_str());
    }
  }
  for (uint64_t id : leftovers_) {
    leftovers::forget(id);
  }
}

bool Cgroup::recycle(const CgroupLimits& limits) {
  if (!used_) {
    return set_limits(limits);  // made ahead (WorkerPool::prestart): no box was in it yet
  }
  if (v2_ || dirs_.size() != 3) {
    return false;
  }
  for (const auto& dir : dirs_) {
    if (!read_text(dir + "/cgroup.procs").empty()) {
      return false;  // something of the last box is still dying
    }
  }
  const std::string& mem = dirs_[0];
  // What the last box left charged (page cache of files it read, kernel objects) is
  // usually 0.1-0.4 MiB: reclaimed only from 1 MiB (reclaiming costs ~0.5 ms a job), and
  // subtracted from this box's peak below.
  constexpr uint64_t k_reclaim_from = 1u << 20;
  uint64_t left = to_u64(read_text(mem + "/memory.usage_in_bytes"));
  if (left >= k_reclaim_from) {
    write_text(mem + "/memory.force_empty", "0");
    left = to_u64(read_text(mem + "/memory.usage_in_bytes"));
  }
  if (!set_limits(limits) || !write_text(mem + "/memory.max_usage_in_bytes", "0") ||
      !write_text(dirs_[2] + "/cpuacct.usage", "0")) {
    return false;
  }
  oom_base_ = field(read_text(mem + "/memory.oom_control"), "oom_kill");
  peak_base_ = left;
  return true;
}

bool Cgroup::add(pid_t pid) {
  used_ = true;
  for (const auto& dir : dirs_) {
    if (!write_text(dir + "/cgroup.procs", std::to_string(pid))) {
      return false;
    }
  }
  return true;
}

std::optional<uint64_t> Cgroup::cpu_ns() const {
  if (dirs_.empty()) {
    return std::nullopt;
  }
  if (v2_) {
    uint64_t usec = field(read_text(dirs_[0] + "/cpu.stat"), "usage_usec");
    return usec * 1000;
  }
  // Read at every frame: the file stays open, and is read again from its start.
  if (cpu_fd_ < 0) {
    cpu_fd_ = open((dirs_[2] + "/cpuacct.usage").c_str(), O_RDONLY | O_CLOEXEC);
    if (cpu_fd_ < 0) {
      return std::nullopt;
    }
  }
  char buf[32];
  ssize_t n = pread(cpu_fd_, buf, sizeof buf - 1, 0);
  if (n <= 0) {
    return std::nullopt;
  }
  return to_u64(std::string(buf, static_cast<size_t>(n)));
}

uint64_t Cgroup::peak_bytes() const {
  if (dirs_.empty()) {
    return 0;
  }
  uint64_t peak =
      to_u64(read_text(dirs_[0] + (v2_ ? "/memory.peak" : "/memory.max_usage_in_bytes")));
  return peak - std::min(peak, peak_base_);  // this box's own: above what it found charged
}

uint64_t Cgroup::oom_kills() const {
  if (dirs_.empty()) {
    return 0;
  }
  uint64_t kills = v2_ ? field(read_text(dirs_[0] + "/memory.events"), "oom_kill")
                       : field(read_text(dirs_[0] + "/memory.oom_control"), "oom_kill");
  return kills > oom_base_ ? kills - oom_base_ : 0;
}

void Cgroup::kill_all() const {
  if (dirs_.empty()) {
    return;
  }
  if (v2_ && write_text(dirs_[0] + "/cgroup.kill", "1")) {
    return;
  }
  // v1: no cgroup.kill. seccomp stops new processes, so one pass over the list (repeated
  // while it changes) reaches them all; stopped ones get SIGCONT first.
  for (int pass = 0; pass < 10; ++pass) {
    std::istringstream procs(read_text(dirs_.back() + "/cgroup.procs"));
    pid_t pid = 0;
    bool any = false;
    while (procs >> pid) {
      kill(pid, SIGCONT);
      kill(pid, SIGKILL);
      any = true;
    }
    if (!any) {
      return;
    }
  }
}

}  // namespace pyjudge::sandbox
