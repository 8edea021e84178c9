/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-first-frame"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif
#ifdef HAVE_VALGRIND_CALLGRIND_H
# include <valgrind/callgrind.h>
#else
# define CALLGRIND_ZERO_STATS
# define CALLGRIND_DUMP_STATS_AT(what)
#endif

#include "ak-application.h"
#include "ak-key-list.h"
#include "ak-keystone-json.h"
#include "ak-test-provider.h"
#include "ak-window.h"

/* How long the window takes from the list's answer to the first frame that
 * shows the keys, and how much memory the process holds at that frame (run
 * by tests/bench/run-first-frame.sh, under tests/harness/run-headless.sh).
 *
 *   bench-first-frame [--body FILE] [--empty] [--runs N]
 *
 * Each run opens a fresh AkWindow on an account whose provider is an
 * AkTestProvider holding the keys of FILE (an OS-EC2 list body, by default
 * the 5,000-key one the build generates), waits until the loading page has
 * been on screen for a few frames with the list call pending, then starts
 * the clock and lets the provider answer. The clock stops at the
 * GdkFrameClock::after-paint of the first frame in which the key list page
 * is up and the label with the ID of the column view's first row is mapped:
 * that frame has drawn it. VmRSS is read from /proc/self/status there, and
 * the heap in use (mallinfo2) as a second opinion: RSS does not grow when
 * new memory fills the holes that parsing the body left. With --empty the
 * provider answers an empty list and the clock stops at the first frame
 * showing the "No Access Keys" page: the reference. Both parse the body, so
 * that the two differ only by what the window does with the answer.
 *
 * Also printed: when the keys had gone through the window's models (the
 * store's items-changed, connected after them: sort, filter, the rows the
 * column view builds at once), and how much the double's own copy of the
 * keys weighs. The double copies its keys into the answer, as a real list
 * gives fresh objects; the copy is made before the clock starts, the answer
 * reaching the window from the main loop after it, and after the runs the
 * copy is timed alone ("answer").
 *
 * Then, with the keys on screen, what a person does next is timed in the
 * same window, each from the change to the first frame whose first row is
 * the model's new first key: a search keystroke (the search bar open, its
 * text going from nothing to one character, the first of the ID of the key
 * in the middle of the list: every key is filtered; the entry's delay is
 * not counted, the search is applied as when it ends), then, the search
 * cleared, a re-sort by ID, last first, and one by project. Animations are
 * off for these, so that the search bar is open at once. Under callgrind
 * each of these dumps its own counts too.
 *
 * Output: one "run" line per run, each followed by a "steps" line unless
 * --empty; then "answer" unless --empty, then "median", "min" and "max"
 * lines when there were several runs. */

#define DEADLINE_US    (G_USEC_PER_SEC * 60)
#define SETTLE_FRAMES  3

static char *body_path = NULL;
static gboolean empty = FALSE;
static int n_runs = 1;

static const GOptionEntry entries[] = {
  { "body", 0, 0, G_OPTION_ARG_FILENAME, &body_path,
    "The OS-EC2 list body to answer with", "FILE" },
  { "empty", 0, 0, G_OPTION_ARG_NONE, &empty,
    "Answer an empty list (the reference)", NULL },
  { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs,
    "How many fresh windows to time in this process", "N" },
  { NULL }
};

typedef struct
{
  double  stored_ms;
  double  first_frame_ms;
  gint64  rss_kib;
  gint64  rss_before_kib;
  gint64  heap_kib;
  gint64  heap_before_kib;
  gint64  double_kib;
  guint   rows;
  /* After the first frame: see the header. */
  double  search_ms;
  double  sort_id_ms;
  double  sort_project_ms;
} Run;

/* What the after-paint handler watches for. */
typedef struct
{
  AkWindow        *window;
  AkTestProvider  *provider;
  guint            n_paints;
  guint            paints_at_start;
  gboolean         answered;
  gint64           clock_started_at;   /* the answer, or a step's change */
  gint64           stored_at;
  gint64           shown_at;
  gint64           rss_kib;
  gint64           heap_kib;
  guint            rows;
  /* What callgrind's counts are dumped as at the frame awaited */
  const char      *step;
} Watch;

static gint64
read_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    g_error ("cannot read /proc/self/status");

  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    g_error ("no VmRSS in /proc/self/status");

  return g_ascii_strtoll (line + strlen ("\nVmRSS:"), NULL, 10);
}

static GtkWidget *
find_by_id (GtkWidget  *root,
            const char *buildable_id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), buildable_id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, buildable_id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The bytes malloc() has handed out and not had back, in every arena: unlike
 * VmRSS, this does not depend on whether new memory fills holes that earlier
 * frees left (parsing the body leaves many). */
static gint64
read_heap_kib (void)
{
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 33)
  struct mallinfo2 info = mallinfo2 ();

  return (gint64) ((info.uordblks + info.hblkhd) / 1024);
#else
  return 0;
#endif
}

static const char *
visible_page (AkWindow *window)
{
  GtkWidget *stack = find_by_id (GTK_WIDGET (window), "stack");

  if (stack == NULL)
    g_error ("the window has no stack named “stack”");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
collect_mapped_labels (GtkWidget  *widget,
                       const char *text,
                       guint      *n_rows,
                       gboolean   *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_width (widget) > 0)
    {
      const char *label = gtk_label_get_label (GTK_LABEL (widget));

      if (g_strcmp0 (label, text) == 0)
        *found = TRUE;
      /* An access key's ID: 32 hex digits in every generated body. */
      if (label != NULL && strlen (label) == 32 && strspn (label, "0123456789abcdef") == 32)
        (*n_rows)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mapped_labels (child, text, n_rows, found);
}

/* Whether the frame just painted shows the first row of the key list. */
static gboolean
shows_first_row (AkWindow *window,
                 guint    *n_rows)
{
  GtkWidget *view;
  g_autoptr(GObject) item = NULL;
  GListModel *model;
  gboolean found = FALSE;

  if (g_strcmp0 (visible_page (window), "keys") != 0)
    return FALSE;

  view = find_by_type (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);
  if (view == NULL || !gtk_widget_get_mapped (view))
    return FALSE;

  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  if (model == NULL || g_list_model_get_n_items (model) == 0)
    return FALSE;

  item = g_list_model_get_item (model, 0);
  if (!AK_IS_KEY (item))
    g_error ("the column view shows something other than AkKey");

  *n_rows = 0;
  collect_mapped_labels (view, ak_key_get_id (AK_KEY (item)), n_rows, &found);

  return found;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  gint64 now = g_get_monotonic_time ();
  gboolean shown;

  watch->n_paints++;

  if (!watch->answered || watch->shown_at != 0)
    return;

  if (empty)
    shown = g_strcmp0 (visible_page (watch->window), "empty") == 0;
  else
    shown = shows_first_row (watch->window, &watch->rows);

  if (shown)
    {
      watch->shown_at = now;
      /* Under callgrind: the instructions from the answer (or the step)
       * to this frame. */
      CALLGRIND_DUMP_STATS_AT (watch->step);
      watch->rss_kib = read_rss_kib ();
      watch->heap_kib = read_heap_kib ();
    }
}

static void
items_changed_cb (GListModel *keys,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  /* Connected after the window's own models: they have all seen the keys. */
  if (watch->answered && watch->stored_at == 0 && added > 0)
    watch->stored_at = g_get_monotonic_time ();
}

static gboolean
wake_cb (gpointer data)
{
  /* Only wakes the main loop, so that a wait checks its condition again. */
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @condition holds, or fails after a minute. */
static void
wait_until (gboolean   (*condition) (gpointer),
            gpointer     data,
            const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_US;
  guint wake = g_timeout_add (5, wake_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static AkAccount *
bench_account (void)
{
  AkAccount *account = ak_account_new ();

  ak_account_set_label (account, "Bench Cloud");
  ak_account_set_auth_url (account, "https://keystone.example.com/v3");
  ak_account_set_username (account, "alice");

  return account;
}

static AkTestProvider *
bench_provider (GPtrArray *keys)
{
  /* What AkKeystoneProvider offers a member. */
  AkTestProvider *provider = ak_test_provider_new (AK_PROVIDER_FEATURE_EXPIRY |
                                                   AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS |
                                                   AK_PROVIDER_FEATURE_NAMES);

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    ak_test_provider_add_key (provider, g_ptr_array_index (keys, i));

  return provider;
}

static void
window_gone_cb (gpointer  data,
                GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

/* The loading page has been on screen for a few frames, and the list call
 * waits for its answer. */
static gboolean
loading_on_screen (gpointer data)
{
  Watch *watch = data;

  return ak_test_provider_get_n_pending (watch->provider, AK_TEST_CALL_LIST) == 1 &&
         g_strcmp0 (visible_page (watch->window), "loading") == 0 &&
         watch->n_paints >= watch->paints_at_start + SETTLE_FRAMES;
}

static gboolean
first_frame_seen (gpointer data)
{
  Watch *watch = data;

  return watch->shown_at != 0;
}

static gboolean
settled (gpointer data)
{
  Watch *watch = data;

  /* A still window paints no frames: ask for the next one. */
  gtk_widget_queue_draw (GTK_WIDGET (watch->window));

  return watch->n_paints >= watch->paints_at_start + SETTLE_FRAMES;
}

/* Lets a few frames go by, so that the next clock starts from a window
 * that has drawn whatever the last change asked for. */
static void
settle (Watch *watch)
{
  watch->paints_at_start = watch->n_paints;
  wait_until (settled, watch, "a few frames");
}

typedef void (*StepFunc) (AkKeyList *list,
                          gpointer   data);

/* From @change to the first frame that shows the model's (new) first key. */
static double
time_step (Watch      *watch,
           AkKeyList  *list,
           StepFunc    change,
           gpointer    data,
           const char *what)
{
  settle (watch);
  watch->step = what;
  watch->shown_at = 0;
  watch->clock_started_at = g_get_monotonic_time ();
  CALLGRIND_ZERO_STATS;
  change (list, data);
  wait_until (first_frame_seen, watch, what);

  return (watch->shown_at - watch->clock_started_at) / 1000.0;
}

static void
type_search (AkKeyList *list,
             gpointer   data)
{
  GtkWidget *entry = find_by_type (GTK_WIDGET (list), GTK_TYPE_SEARCH_ENTRY);

  if (entry == NULL)
    g_error ("the key list has no search entry");
  /* The text, then the search applied as when the entry's delay ends. */
  gtk_editable_set_text (GTK_EDITABLE (entry), data);
  g_signal_emit_by_name (entry, "search-changed");
}

static void
sort_by (AkKeyList *list,
         gpointer   data)
{
  const char *column = data;

  ak_key_list_sort_by (list, column, g_str_equal (column, "id"));
}

static void
time_steps (Watch *watch,
            Run   *run)
{
  GtkSettings *settings = gtk_settings_get_default ();
  AkKeyList *list;
  GtkWidget *view;
  GListModel *model;
  g_autoptr(AkKey) middle = NULL;
  char first[2] = { 0 };
  gboolean animations;

  list = AK_KEY_LIST (find_by_type (GTK_WIDGET (watch->window), AK_TYPE_KEY_LIST));
  if (list == NULL)
    g_error ("the window has no key list");
  view = find_by_type (GTK_WIDGET (list), GTK_TYPE_COLUMN_VIEW);
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  middle = g_list_model_get_item (model, g_list_model_get_n_items (model) / 2);
  first[0] = ak_key_get_id (middle)[0];

  g_object_get (settings, "gtk-enable-animations", &animations, NULL);
  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);

  ak_key_list_set_search_mode_enabled (list, TRUE);
  run->search_ms = time_step (watch, list, type_search, first, "search keystroke");
  time_step (watch, list, type_search, (gpointer) "", "search cleared");
  ak_key_list_set_search_mode_enabled (list, FALSE);

  run->sort_id_ms = time_step (watch, list, sort_by, (gpointer) "id", "re-sort by ID");
  run->sort_project_ms = time_step (watch, list, sort_by, (gpointer) "project",
                                    "re-sort by project");

  /* The order is kept in GSettings: the next run's window starts from the
   * one this run's did. */
  ak_key_list_sort_by (list, "id", FALSE);
  settle (watch);
  g_object_set (settings, "gtk-enable-animations", animations, NULL);
}

static Run
run_once (AkApplication *app,
          GPtrArray     *keys)
{
  g_autoptr(AkTestProvider) provider = NULL;
  g_autoptr(AkAccount) account = bench_account ();
  GdkFrameClock *clock;
  Watch watch = { 0 };
  gboolean gone = FALSE;
  gulong handler;
  Run run = { 0 };
  gint64 heap_kib;

  /* The double's copy of the keys is in every figure after this; say how
   * much it is, since the real app does not hold one. */
  heap_kib = read_heap_kib ();
  provider = bench_provider (empty ? NULL : keys);
  run.double_kib = read_heap_kib () - heap_kib;

  ak_test_provider_set_auto_complete (provider, AK_TEST_CALL_LIST, FALSE);

  watch.provider = provider;
  watch.step = "first frame";
  watch.window = ak_window_new (app);
  g_object_weak_ref (G_OBJECT (watch.window), window_gone_cb, &gone);
  gtk_window_present (GTK_WINDOW (watch.window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (watch.window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &watch);

  ak_window_set_account (watch.window, account, AK_PROVIDER (provider));
  g_signal_connect (ak_window_get_keys (watch.window), "items-changed",
                    G_CALLBACK (items_changed_cb), &watch);
  watch.paints_at_start = watch.n_paints;
  wait_until (loading_on_screen, &watch, "the loading page");

  /* The double makes the answer's fresh keys here, as a real provider
   * does while it parses, before the window hears of them: the answer
   * reaches the window from the main loop, and the clock starts now. */
  if (!ak_test_provider_complete_next (provider, AK_TEST_CALL_LIST))
    g_error ("the list call was not pending");
  run.rss_before_kib = read_rss_kib ();
  run.heap_before_kib = read_heap_kib ();
  watch.answered = TRUE;
  watch.clock_started_at = g_get_monotonic_time ();
  CALLGRIND_ZERO_STATS;
  wait_until (first_frame_seen, &watch, empty ? "the empty page" : "the first row");

  run.first_frame_ms = (watch.shown_at - watch.clock_started_at) / 1000.0;
  if (watch.stored_at != 0)
    run.stored_ms = (watch.stored_at - watch.clock_started_at) / 1000.0;
  run.rss_kib = watch.rss_kib;
  run.heap_kib = watch.heap_kib;
  run.rows = watch.rows;

  if (!empty)
    time_steps (&watch, &run);

  g_signal_handler_disconnect (clock, handler);
  g_signal_handlers_disconnect_by_data (ak_window_get_keys (watch.window), &watch);
  gtk_window_destroy (GTK_WINDOW (watch.window));
  wait_until (flag_set, &gone, "the window to go");

  return run;
}

typedef struct
{
  gboolean  done;
  gint64    at;
  guint     n_keys;
} Answer;

static void
answer_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Answer *answer = user_data;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  answer->at = g_get_monotonic_time ();
  keys = ak_provider_list_keys_finish (AK_PROVIDER (object), result, NULL, &error);
  if (keys == NULL)
    g_error ("the provider's answer failed: %s", error->message);

  answer->n_keys = keys->len;
  answer->done = TRUE;
}

/* The provider's own share of the clock: copying the keys into its answer. */
static double
time_answer (GPtrArray *keys)
{
  g_autoptr(AkTestProvider) provider = bench_provider (keys);
  Answer answer = { 0 };
  gint64 start;

  ak_test_provider_set_auto_complete (provider, AK_TEST_CALL_LIST, FALSE);
  ak_provider_list_keys_async (AK_PROVIDER (provider), AK_KEY_SCOPE_MINE, NULL,
                               answer_cb, &answer);
  start = g_get_monotonic_time ();
  if (!ak_test_provider_complete_next (provider, AK_TEST_CALL_LIST))
    g_error ("the list call was not pending");
  wait_until (flag_set, &answer.done, "the provider's answer");

  if (answer.n_keys != keys->len)
    g_error ("the provider answered %u keys, not %u", answer.n_keys, keys->len);

  return (answer.at - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);

  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);

  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2;
}

static GPtrArray *
load_keys (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) body = NULL;
  GPtrArray *keys;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);

  body = g_bytes_new_take (g_steal_pointer (&contents), length);
  keys = ak_keystone_json_parse_ec2_list (body, NULL, &error);
  if (keys == NULL)
    g_error ("%s: %s", path, error->message);
  if (keys->len == 0)
    g_error ("%s holds no keys", path);

  return keys;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(AkApplication) app = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) growth = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  const char *kind;

  context = g_option_context_new ("— time the first frame showing the keys");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_runs < 1)
    {
      g_printerr ("--runs must be at least 1\n");
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: run it through tests/bench/run-first-frame.sh\n");
      return 1;
    }

  if (body_path == NULL)
    body_path = g_strdup (AK_BENCH_EC2_LIST_5000);
  keys = load_keys (body_path);
  kind = empty ? "empty" : "keys";

  app = ak_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  for (int i = 1; i <= n_runs; i++)
    {
      Run run = run_once (app, keys);
      double rss_mib = run.rss_kib / 1024.0;
      double growth_mib = (run.rss_kib - run.rss_before_kib) / 1024.0;

      printf ("run %d %s: first frame %.1f ms, RSS %.1f MiB (%+.1f MiB since the answer); "
              "heap in use %.1f MiB (%+.1f MiB since the answer, %.1f MiB of it the double's "
              "keys); %u keys, %u rows built",
              i, kind, run.first_frame_ms, rss_mib, growth_mib,
              run.heap_kib / 1024.0, (run.heap_kib - run.heap_before_kib) / 1024.0,
              run.double_kib / 1024.0, empty ? 0 : keys->len, run.rows);
      if (!empty)
        printf (", in the window's models after %.1f ms", run.stored_ms);
      printf ("\n");
      if (!empty)
        printf ("steps %d keys: search keystroke %.1f ms, re-sort by ID %.1f ms, "
                "re-sort by project %.1f ms\n",
                i, run.search_ms, run.sort_id_ms, run.sort_project_ms);
      fflush (stdout);
      g_array_append_val (times, run.first_frame_ms);
      g_array_append_val (rss, rss_mib);
      g_array_append_val (growth, growth_mib);
    }

  if (!empty)
    printf ("answer %s: the provider double copies %u keys in %.1f ms\n",
            kind, keys->len, time_answer (keys));

  if (n_runs > 1)
    {
      printf ("median %s: first frame %.1f ms, RSS %.1f MiB (%+.1f MiB)\n",
              kind, median (times), median (rss), median (growth));
      printf ("min %s: first frame %.1f ms, RSS %.1f MiB (%+.1f MiB)\n", kind,
              g_array_index (times, double, 0), g_array_index (rss, double, 0),
              g_array_index (growth, double, 0));
      printf ("max %s: first frame %.1f ms, RSS %.1f MiB (%+.1f MiB)\n", kind,
              g_array_index (times, double, times->len - 1),
              g_array_index (rss, double, rss->len - 1),
              g_array_index (growth, double, growth->len - 1));
    }

  g_free (body_path);

  return 0;
}
