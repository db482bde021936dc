// Loaded into the Azurite and the MailDev that serve (or a test) starts, before the program itself (node
// --require). When the process that started it is gone without stopping it (killed with SIGKILL, crashed), the
// program closes as on Ctrl+C (Azurite saving its tables) instead of holding its data folder and ports with
// nobody left to stop it.
'use strict';

const parent = process.ppid;

// With the parent gone, so are the pipes of stdout and stderr: Azurite's goodbye must not fail on them.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

// Ctrl+C reaches the whole process group, and then serve stops Azurite with a SIGINT of its own: that second
// one must not cut short the close that the first began (Azurite saves its tables as it closes).
process.on('SIGINT', () => {});

const watch = setInterval(() => {
  let gone = process.ppid !== parent;
  if (!gone) {
    try {
      process.kill(parent, 0);
    } catch (error) {
      gone = error.code === 'ESRCH';
    }
  }

  if (gone) {
    clearInterval(watch);
    process.kill(process.pid, 'SIGINT');
    // Azurite's own handler closes it; should it not, end anyway.
    setTimeout(() => process.exit(0), 10000).unref();
  }
}, 500);
watch.unref();
