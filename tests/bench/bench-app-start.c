/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-app-start"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#ifdef HAVE_VALGRIND_CALLGRIND_H
# include <valgrind/callgrind.h>
#else
# define CALLGRIND_DUMP_STATS_AT(what)
#endif

#include "ak-application.h"
#include "ak-key-list.h"
#include "ak-test-provider.h"
#include "ak-ui-test.h"
#include "ak-window.h"

/* How long the app takes from its start to the first frame of a signed-in
 * list of 5 keys, against a bare window built the same way (run by
 * tests/bench/run-app-start.sh, under tests/harness/run-headless.sh).
 *
 *   AK_BENCH_STARTED_AT=$EPOCHREALTIME bench-app-start [--bare]
 *
 * The clock starts when the runner starts the process: the shell's
 * $EPOCHREALTIME, read as it starts it, so that loading the libraries and
 * initialising GTK count. It stops at the GdkFrameClock::after-paint of the
 * first frame that shows
 *
 * - the app: AkApplication registered (its start-up: style, icons, actions),
 *   an AkWindow on an account whose provider, an AkTestProvider, answers its
 *   list of 5 keys from the main loop, as a Keystone that answers at once
 *   would; the frame is the first in which a row of keys is drawn;
 * - with --bare, the reference: an AdwApplication registered the same way,
 *   an AdwApplicationWindow of the app's default size with an AdwHeaderBar
 *   above an empty GtkColumnView of two columns; the frame is the first in
 *   which the column view is drawn.
 *
 * Prints "start app: first frame N ms" (or "start bare: …"). Under
 * callgrind, the counts from the process's start to that frame are dumped
 * there ("first frame"). */

/* The app's default window size (data/….gschema.xml). */
#define WINDOW_WIDTH 960
#define WINDOW_HEIGHT 640

#define DEADLINE_US (60 * G_USEC_PER_SEC)

static gboolean bare;

static GOptionEntry entries[] = {
  { "bare", 0, 0, G_OPTION_ARG_NONE, &bare,
    "A bare window with a header bar and an empty column view", NULL },
  { NULL }
};

typedef struct
{
  GtkWidget      *window;
  AkTestProvider *provider;   /* the app's, or NULL */
  gint64          shown_at;   /* real time, µs */
} Watch;

/* Whether a label under @widget, drawn in the frame just painted, says
 * @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget))
    return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

/* Whether the frame just painted shows what the run waits for. */
static gboolean
shows_target (GtkWidget *window)
{
  GtkWidget *list = bare ? window : ak_ui_test_find_by_type (window, AK_TYPE_KEY_LIST);
  GtkWidget *view = list != NULL ? ak_ui_test_find_by_type (list, GTK_TYPE_COLUMN_VIEW) : NULL;
  GListModel *rows;
  g_autoptr(GObject) first = NULL;

  if (view == NULL || !gtk_widget_get_mapped (view))
    return FALSE;
  if (bare)
    return TRUE;

  /* A row of keys is drawn: the first key's row has its cells mapped. */
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  if (rows == NULL || g_list_model_get_n_items (rows) == 0)
    return FALSE;
  first = g_list_model_get_item (rows, 0);

  return shows_label (view, ak_key_get_id (AK_KEY (first)));
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  if (watch->shown_at != 0 || !shows_target (watch->window))
    return;

  watch->shown_at = g_get_real_time ();
  CALLGRIND_DUMP_STATS_AT ("first frame");
}

static GtkWidget *
bare_window (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *view = gtk_column_view_new (GTK_SELECTION_MODEL (
    gtk_no_selection_new (G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT)))));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  const char *titles[] = { "ID", "Owner" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkColumnViewColumn *column = gtk_column_view_column_new (titles[i], NULL);

      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
      g_object_unref (column);
    }

  gtk_window_set_title (GTK_WINDOW (window), "Access Keys");
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  return window;
}

static GtkWidget *
app_window (GtkApplication *app,
            Watch          *watch)
{
  g_autoptr(AkAccount) account = ak_account_new ();
  g_autoptr(AkTestProvider) provider = NULL;
  const char *owners[] = { "alice", "bob", "carol", "dave", "erin" };
  AkWindow *window;

  /* What AkKeystoneProvider offers a member. */
  provider = ak_test_provider_new (AK_PROVIDER_FEATURE_EXPIRY |
                                   AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS |
                                   AK_PROVIDER_FEATURE_NAMES);
  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    {
      g_autofree char *id = g_strdup_printf ("%032x", 0xa11ce + i);

      ak_test_provider_add_new_key (provider, AK_KEY_KIND_EC2, id, owners[i], "demo", NULL);
    }

  ak_account_set_label (account, "Bench Cloud");
  ak_account_set_auth_url (account, "https://keystone.example.com/v3");
  ak_account_set_username (account, "alice");

  /* The list is answered as soon as it is asked for (see main()). */
  ak_test_provider_set_auto_complete (provider, AK_TEST_CALL_LIST, FALSE);
  watch->provider = g_object_ref (provider);

  window = ak_window_new (AK_APPLICATION (app));
  ak_window_set_account (window, account, AK_PROVIDER (provider));

  return GTK_WIDGET (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  const char *started = g_getenv ("AK_BENCH_STARTED_AT");
  Watch watch = { 0 };
  GdkFrameClock *clock;
  gint64 started_at;
  gint64 deadline;

  context = g_option_context_new ("— time the app's start to its first frame");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (started == NULL)
    {
      g_printerr ("No AK_BENCH_STARTED_AT: run it through tests/bench/run-app-start.sh\n");
      return 2;
    }
  /* $EPOCHREALTIME: seconds, a point (or the locale's comma), microseconds. */
  started_at = (gint64) (g_ascii_strtod (started, NULL) * G_USEC_PER_SEC);
  if (started_at <= 0)
    {
      g_printerr ("AK_BENCH_STARTED_AT=%s is no time\n", started);
      return 2;
    }

  if (bare)
    app = GTK_APPLICATION (adw_application_new ("io.github.accesskeys.AccessKeys",
                                                G_APPLICATION_NON_UNIQUE));
  else
    app = GTK_APPLICATION (ak_application_new ());
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  watch.window = bare ? bare_window (app) : app_window (app, &watch);
  gtk_window_present (GTK_WINDOW (watch.window));
  clock = gtk_widget_get_frame_clock (watch.window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &watch);

  deadline = g_get_monotonic_time () + DEADLINE_US;
  while (watch.shown_at == 0)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for the first frame");
      g_main_context_iteration (NULL, TRUE);
      /* The double answers from an idle callback, which frames that take
       * longer than the frame clock's interval (under callgrind) would put
       * off for ever: the list is answered here, between two iterations, as
       * a Keystone's answer arrives on its socket. */
      if (watch.provider != NULL &&
          ak_test_provider_get_n_pending (watch.provider, AK_TEST_CALL_LIST) > 0)
        ak_test_provider_complete_next (watch.provider, AK_TEST_CALL_LIST);
    }

  printf ("start %s: first frame %.1f ms\n", bare ? "bare" : "app",
          (watch.shown_at - started_at) / 1000.0);

  gtk_window_destroy (GTK_WINDOW (watch.window));
  g_clear_object (&watch.provider);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return EXIT_SUCCESS;
}
