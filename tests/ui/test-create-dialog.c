/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Create Access Key dialog, in-process under Xvfb, against the scripted
 * AkTestProvider. */
#include "config.h"

#include <adwaita.h>

#include "ak-create-dialog.h"
#include "ak-error.h"
#include "ak-test-provider.h"
#include "ak-ui-test.h"

#define SECRET_WARNING \
  "This is the only time the secret is shown. Copy it now and keep it somewhere safe."

/* Runs the main loop until @condition holds; FALSE if it never did. */
static gboolean
wait_until (gboolean (*condition) (gpointer),
            gpointer   data)
{
  return ak_ui_test_wait_until (condition, data, AK_UI_TEST_TIMEOUT_MS);
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static gboolean
result_is_set (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Widgets by their id in the template ---------------------------------- */

static GtkWidget *
get_widget (gpointer    root,
            const char *id)
{
  GtkWidget *widget = ak_ui_test_find_by_id (GTK_WIDGET (root), id);

  if (widget == NULL)
    g_error ("No widget “%s” in %s", id, G_OBJECT_TYPE_NAME (root));

  return widget;
}

static void
click (gpointer    root,
       const char *id)
{
  ak_ui_test_click (get_widget (root, id));
}

static gboolean
is_shown (gpointer    root,
          const char *id)
{
  return gtk_widget_is_visible (get_widget (root, id));
}

static const char *
label_text (gpointer    root,
            const char *id)
{
  return gtk_label_get_text (GTK_LABEL (get_widget (root, id)));
}

/* Fixture ------------------------------------------------------------------ */

typedef struct
{
  AkTestProvider *provider;
  AkCreateDialog *dialog;
  AkKey          *created;
  guint           n_created;
} Fixture;

static void
created_cb (AkCreateDialog *dialog,
            AkKey          *key,
            Fixture        *f)
{
  f->n_created++;
  g_set_object (&f->created, key);
}

static void
open_dialog (Fixture            *f,
             AkProviderFeatures  features)
{
  f->provider = ak_test_provider_new (features);
  f->dialog = ak_create_dialog_new (NULL, AK_PROVIDER (f->provider));
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *)&f->dialog);
  g_signal_connect (f->dialog, "created", G_CALLBACK (created_cb), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_assert_true (wait_until (pointer_is_null, &f->dialog));
  g_clear_object (&f->created);
  g_clear_object (&f->provider);

  ak_ui_test_drain ();
}

static gboolean
created (gpointer data)
{
  Fixture *f = data;

  return f->n_created > 0;
}

static gboolean
dialog_is_idle (gpointer data)
{
  Fixture *f = data;

  return !ak_create_dialog_get_busy (f->dialog);
}

static char *
read_clipboard (GtkWidget *widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  gdk_clipboard_read_text_async (clipboard, NULL, store_result_cb, &result);
  g_assert_true (wait_until (result_is_set, &result));
  text = gdk_clipboard_read_text_finish (clipboard, result, &error);
  g_assert_no_error (error);

  return text;
}

/* Tests -------------------------------------------------------------------- */

static void
test_secret_shown_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GtkWidget) secret_label = NULL;
  GtkStack *stack;

  open_dialog (f, AK_PROVIDER_FEATURE_NONE);
  stack = GTK_STACK (get_widget (f->dialog, "stack"));

  /* Only access keys here: no choice to make. */
  g_assert_false (is_shown (f->dialog, "kind_group"));
  g_assert_true (is_shown (f->dialog, "intro_label"));
  g_assert_true (gtk_widget_get_sensitive (get_widget (f->dialog, "create_button")));

  click (f->dialog, "create_button");
  g_assert_true (wait_until (created, f));

  g_assert_cmpuint (f->n_created, ==, 1);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_CREATE), ==, 1);
  g_assert_cmpint (ak_key_get_kind (f->created), ==, AK_KEY_KIND_EC2);
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2,
                                           ak_key_get_id (f->created)));

  /* The ID and the secret, side by side with the warning. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "result");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "Access Key Created");
  g_assert_cmpstr (label_text (f->dialog, "warning_label"), ==, SECRET_WARNING);
  g_assert_true (is_shown (f->dialog, "warning_label"));
  g_assert_cmpstr (label_text (f->dialog, "id_label"), ==, ak_key_get_id (f->created));
  g_assert_cmpstr (label_text (f->dialog, "secret_label"), ==, AK_TEST_PROVIDER_SECRET);
  g_assert_true (is_shown (f->dialog, "secret_label"));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (get_widget (f->dialog, "secret_label"))));
  g_assert_true (gtk_widget_has_css_class (get_widget (f->dialog, "secret_label"), "monospace"));
  g_assert_false (is_shown (f->dialog, "create_button"));
  g_assert_true (is_shown (f->dialog, "done_button"));

  /* Once closed, the secret is gone from the label. */
  secret_label = g_object_ref (get_widget (f->dialog, "secret_label"));
  click (f->dialog, "done_button");
  g_assert_true (wait_until (pointer_is_null, &f->dialog));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (secret_label)), ==, "");
  g_assert_cmpuint (f->n_created, ==, 1);
}

static void
test_copy (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *secret = NULL;
  g_autofree char *id = NULL;
  GtkWidget *copy_secret;
  GtkWidget *copy_id;

  open_dialog (f, AK_PROVIDER_FEATURE_NONE);
  click (f->dialog, "create_button");
  g_assert_true (wait_until (created, f));

  copy_secret = get_widget (f->dialog, "secret_copy_button");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (copy_secret), ==, "Copy Secret");
  click (f->dialog, "secret_copy_button");
  secret = read_clipboard (GTK_WIDGET (f->dialog));
  g_assert_cmpstr (secret, ==, AK_TEST_PROVIDER_SECRET);

  copy_id = get_widget (f->dialog, "id_copy_button");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (copy_id), ==, "Copy Access Key ID");
  click (f->dialog, "id_copy_button");
  id = read_clipboard (GTK_WIDGET (f->dialog));
  g_assert_cmpstr (id, ==, ak_key_get_id (f->created));
}

static void
test_application_credential (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *create;
  GDateTime *expires_at;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  open_dialog (f, AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  create = get_widget (f->dialog, "create_button");

  /* An access key is the default; the details only for the other kind. */
  g_assert_true (is_shown (f->dialog, "kind_group"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (get_widget (f->dialog,
                                                                             "ec2_check"))));
  g_assert_false (is_shown (f->dialog, "details_group"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (get_widget (f->dialog, "app_cred_check")), TRUE);
  g_assert_true (is_shown (f->dialog, "details_group"));
  g_assert_false (gtk_widget_get_sensitive (create));

  gtk_editable_set_text (GTK_EDITABLE (get_widget (f->dialog, "name_row")), " backup-job ");
  gtk_editable_set_text (GTK_EDITABLE (get_widget (f->dialog, "description_row")),
                         "Nightly backups");
  g_assert_true (gtk_widget_get_sensitive (create));

  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (get_widget (f->dialog, "expiry_row")),
                                         TRUE);
  g_assert_false (is_shown (f->dialog, "expiry_error_label"));

  click (f->dialog, "create_button");
  g_assert_true (wait_until (created, f));

  g_assert_cmpint (ak_key_get_kind (f->created), ==, AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_key_get_name (f->created), ==, "backup-job");
  g_assert_cmpstr (ak_key_get_description (f->created), ==, "Nightly backups");
  expires_at = ak_key_get_expires_at (f->created);
  g_assert_nonnull (expires_at);
  g_assert_cmpint (g_date_time_difference (expires_at, now), >, 80 * G_TIME_SPAN_DAY);
  g_assert_cmpint (g_date_time_difference (expires_at, now), <, 100 * G_TIME_SPAN_DAY);

  g_assert_cmpstr (label_text (f->dialog, "id_title_label"), ==, "Application Credential ID");
  g_assert_cmpstr (label_text (f->dialog, "secret_label"), ==, AK_TEST_PROVIDER_SECRET);
}

static void
test_expiry_in_the_past (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  GtkWidget *create;

  open_dialog (f, AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  create = get_widget (f->dialog, "create_button");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (get_widget (f->dialog, "app_cred_check")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (get_widget (f->dialog, "name_row")), "old");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (get_widget (f->dialog, "expiry_row")),
                                         TRUE);
  gtk_calendar_select_day (GTK_CALENDAR (get_widget (f->dialog, "expiry_calendar")), yesterday);

  g_assert_true (is_shown (f->dialog, "expiry_error_label"));
  g_assert_false (gtk_widget_get_sensitive (create));

  gtk_calendar_select_day (GTK_CALENDAR (get_widget (f->dialog, "expiry_calendar")), now);
  g_assert_false (is_shown (f->dialog, "expiry_error_label"));
  g_assert_true (gtk_widget_get_sensitive (create));
}

static void
test_error_shown (Fixture       *f,
                  gconstpointer  data)
{
  open_dialog (f, AK_PROVIDER_FEATURE_NONE);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_CREATE, AK_ERROR_PERMISSION);

  click (f->dialog, "create_button");
  g_assert_true (wait_until (dialog_is_idle, f));

  g_assert_cmpuint (f->n_created, ==, 0);
  g_assert_true (is_shown (f->dialog, "message_label"));
  g_assert_cmpstr (label_text (f->dialog, "message_label"), ==,
                   ak_error_code_to_message (AK_ERROR_PERMISSION));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_widget (f->dialog, "stack"))),
                   ==, "form");
  g_assert_true (gtk_widget_get_sensitive (get_widget (f->dialog, "create_button")));

  /* A second try that works clears the message. */
  click (f->dialog, "create_button");
  g_assert_true (wait_until (created, f));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_CREATE), ==, 2);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  open_dialog (f, AK_PROVIDER_FEATURE_NONE);
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_CREATE, FALSE);

  click (f->dialog, "create_button");
  g_assert_true (ak_create_dialog_get_busy (f->dialog));
  g_assert_true (is_shown (f->dialog, "spinner"));
  g_assert_false (gtk_widget_get_sensitive (get_widget (f->dialog, "create_button")));

  click (f->dialog, "cancel_button");
  g_assert_false (ak_create_dialog_get_busy (f->dialog));
  g_assert_true (gtk_widget_get_sensitive (get_widget (f->dialog, "create_button")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
  ak_ui_test_drain ();
  g_assert_cmpuint (f->n_created, ==, 0);
  g_assert_cmpuint (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_CREATE), ==, 0);

  click (f->dialog, "cancel_button");
  g_assert_true (wait_until (pointer_is_null, &f->dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The isolation points the system data dirs at /dev/null too, and without
   * the MIME database there GdkPixbuf takes GTK's own SVG icons for an
   * unknown format. They are only read, so they are given back. */
  g_setenv ("XDG_DATA_DIRS", data_dirs != NULL ? data_dirs : "/usr/local/share:/usr/share", TRUE);

  /* gtk_init() aborts without a display; run-headless.sh provides one. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    g_error ("No display: run this test under tests/harness/run-headless.sh");

  gtk_init ();
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, NULL, func, fixture_tear_down)

  ADD ("/create-dialog/secret-shown-once", test_secret_shown_once);
  ADD ("/create-dialog/copy", test_copy);
  ADD ("/create-dialog/application-credential", test_application_credential);
  ADD ("/create-dialog/expiry-in-the-past", test_expiry_in_the_past);
  ADD ("/create-dialog/error", test_error_shown);
  ADD ("/create-dialog/cancel", test_cancel);

  return g_test_run ();
}
