// The box a candidate runs in, entered by the child before any candidate code runs.
//
// enter() applies each layer in a fixed order, like a checklist, and reports which layers
// are active. The minimum is rlimits + seccomp + Landlock (without filesystem confinement
// the box could read a challenge's expected values): without them enter() fails and the
// harness refuses to run candidate code, unless the user asked for `--unsafe-no-sandbox`.
// Layers the host may lack (namespaces; cgroups, on the judge's side) degrade to inactive
// with the reason.
//
//   stdin → /dev/null · close every other descriptor · namespaces (tmpfs scratch) ·
//   chdir to the scratch folder · SIGSYS recorder · drop root · rlimits · Landlock ·
//   seccomp (last: it forbids the calls the steps before it make)
//
// Everything here runs in the child; the parent's half (new session, wall-clock kill of the
// whole process group, reaping with rusage) is in judge/runner.
#pragma once

#include <linux/filter.h>
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pyjudge::sandbox {

inline constexpr uid_t k_nobody = 65534;

struct Policy {
  uint32_t cpu_seconds = 10;        // RLIMIT_CPU for the whole child (the judge enforces per test)
  uint64_t data_bytes = 256 << 20;  // RLIMIT_DATA: heap and private mappings, thread stacks
  uint64_t file_bytes = 1 << 20;    // RLIMIT_FSIZE: largest file the box may write
  uint32_t open_files = 64;         // RLIMIT_NOFILE
  // RLIMIT_NPROC: per uid (all boxes as nobody share it), a backstop; 0: left as it is (a
  // cgroup's pids.max bounds the box instead)
  uint32_t processes = 512;
  std::vector<int> keep_fds;          // descriptors above 2 that stay open (the result pipe)
  std::string scratch_dir;            // the working directory, read-write ("": none)
  uint64_t scratch_bytes = 16 << 20;  // size of the private tmpfs over it (namespaces layer)
  uint32_t scratch_inodes = 4096;
  std::vector<std::string> read_only_paths;   // the Python runtime
  std::vector<std::string> read_write_paths;  // the scratch folder, /dev/null
  bool unsafe = false;  // --unsafe-no-sandbox: no Landlock or seccomp (still never root)
  // The pid namespace's fork (pid_namespace.cpp): announce the box's pid to the judge
  // before it runs anything (false: give up), and hooks around fork for the interpreter.
  std::function<bool(pid_t box, pid_t init)> announce_box_pid;
  std::function<void()> before_fork;
  std::function<void()> after_fork_child;
};

struct LayerStatus {
  std::string name;
  bool active = false;
  std::string detail;     // what it does here, or why it is off
  uint64_t setup_ns = 0;  // what entering it cost, measured in the child
};

// Applies every layer, recording each in `layers`. On failure returns what failed, naming
// the call and errno; the caller must not run candidate code then.
[[nodiscard]] std::optional<std::string> enter(const Policy& policy,
                                               std::vector<LayerStatus>& layers);

// --- the steps, exposed for tests and `pyjudge doctor` ------------------------------

[[nodiscard]] std::optional<std::string> apply_rlimits(const Policy& policy);
// Closes every descriptor above 2 except keep (close_range where available).
[[nodiscard]] std::optional<std::string> close_other_fds(const std::vector<int>& keep);
[[nodiscard]] std::optional<std::string> null_stdin();
// As real root: become nobody. As root of our own user namespace: drop every capability.
[[nodiscard]] std::optional<std::string> drop_root(LayerStatus& status, bool in_user_namespace);
// unshare() of network, IPC, UTS and mount namespaces (user first when not root) and a
// size-capped tmpfs over the scratch folder. Inactive (not an error) where the host forbids.
// Forks an init (pid 1) and the box (pid 2) into the new pid namespace; returns only in the
// box. The caller announces the box's pid, waits, and exits with the box's status.
[[nodiscard]] std::optional<std::string> fork_pid_namespace(const Policy& policy);
// A process's parent, from /proc (pids as seen from the caller's pid namespace); 0 when gone.
pid_t parent_pid(pid_t pid);
// A number from /proc/PID/status ("PPid", "VmHWM" in KiB, …); nullopt when the process or
// the field is gone (a zombie has no memory fields).
std::optional<uint64_t> proc_status_field(pid_t pid, std::string_view key);
// Several of them from one read of the file, in the order asked.
std::vector<std::optional<uint64_t>> proc_status_fields(
    pid_t pid, std::initializer_list<std::string_view> keys);

// A leftover's name carries the pid of the pyjudge that made it after `prefix`
// ("pyjudge-box-1234-…" → 1234): that pid when it no longer exists here, else nothing (a
// name that carries none, or a pyjudge that may be alive).
std::optional<pid_t> gone_owner(std::string_view name, std::string_view prefix);
// This process's pid namespace (the inode of /proc/self/ns/pid; 0 when unknown): a pid in a
// leftover's name means something only there, and a pyjudge in a container may share the
// cgroup hierarchy or the temp folder.
uint64_t pid_namespace_id();
[[nodiscard]] std::optional<std::string> apply_namespaces(const Policy& policy, LayerStatus& status,
                                                          bool& in_user_namespace);
// For a zygote, as root: enters a network (no interfaces), IPC and UTS namespace of its own
// that every job it forks starts in, so apply_namespaces() need not make them per job
// (unless the job is unsafe). Returns why not, and then each job makes its own.
[[nodiscard]] std::optional<std::string> enter_worker_namespaces();
[[nodiscard]] std::optional<std::string> apply_landlock(const Policy& policy, LayerStatus& status);
// The seccomp policy (seccomp.cpp). Install the violation handler first.
[[nodiscard]] std::optional<std::string> apply_seccomp();
// Compiles the policy once, as a template with a placeholder for the box's pid (the kill
// and tgkill rules name it); apply_seccomp() in a fork of the caller then writes its own
// pid into a copy and loads that, instead of compiling (~1.3 ms). The zygote does this
// once. Returns why not, and then each box compiles its own.
[[nodiscard]] std::optional<std::string> precompile_seccomp();
// The policy's BPF program for a process whose pid is `self`, as libseccomp compiles it
// now or (use_template) from the precompiled template. The two must be the same program.
[[nodiscard]] std::optional<std::string> seccomp_program(pid_t self, bool use_template,
                                                         std::vector<sock_filter>& program);
[[nodiscard]] std::optional<std::string> install_violation_handler();

// Landlock ABI version of the running kernel, 0 when unavailable.
int landlock_abi();
// Syscalls refused since the last call (numbers), oldest first; at most 64 are kept.
std::vector<int> take_violations();
// "socket" for the native number of socket; "syscall N" when unknown.
std::string syscall_name(int nr);
bool is_syscall_name(const std::string& name);

}  // namespace pyjudge::sandbox
