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
present_dialog (Fixture *f)
{
  f->dialog = ak_create_dialog_new (NULL, AK_PROVIDER (f->provider));
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *)&f->dialog);
  g_signal_connect (f->dialog, "created", G_CALLBACK (created_cb), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
}

/* For an account that may create EC2 keys, and whatever @features add. */
static void
open_dialog (Fixture            *f,
             AkProviderFeatures  features)
{
  f->provider = ak_test_provider_new (features);
  present_dialog (f);
}

/* For an account that may do exactly @features. */
static void
open_dialog_exactly (Fixture            *f,
                     AkProviderFeatures  features)
{
  f->provider = ak_test_provider_new (AK_PROVIDER_FEATURE_NONE);
  ak_test_provider_set_features (f->provider, features);
  present_dialog (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->dialog));
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

  gdk_clipboard_read_text_async (clipboard, NULL, ak_ui_test_store_result_cb, &result);
  g_assert_true (ak_ui_test_await (ak_ui_test_result_is_set, &result));
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
  stack = GTK_STACK (ak_ui_test_get_widget (f->dialog, "stack"));

  /* Only access keys here: no choice to make. */
  g_assert_false (ak_ui_test_is_shown (f->dialog, "kind_group"));
  g_assert_true (ak_ui_test_is_shown (f->dialog, "intro_label"));
  g_assert_true (gtk_widget_get_sensitive (ak_ui_test_get_widget (f->dialog, "create_button")));

  ak_ui_test_click_id (f->dialog, "create_button");
  g_assert_true (ak_ui_test_await (created, f));

  g_assert_cmpuint (f->n_created, ==, 1);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_CREATE), ==, 1);
  g_assert_cmpint (ak_key_get_kind (f->created), ==, AK_KEY_KIND_EC2);
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2,
                                           ak_key_get_id (f->created)));

  /* The ID and the secret, side by side with the warning. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "result");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "Access Key Created");
  {
    g_autofree char *heading = g_strdup_printf ("Access key %s is ready.",
                                                ak_key_get_id (f->created));

    g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "created_label"), ==, heading);
  }
  g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "warning_label"), ==, SECRET_WARNING);
  g_assert_true (ak_ui_test_is_shown (f->dialog, "warning_label"));
  g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "id_label"), ==, ak_key_get_id (f->created));
  g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "secret_label"), ==, AK_TEST_PROVIDER_SECRET);
  g_assert_true (ak_ui_test_is_shown (f->dialog, "secret_label"));
  secret_label = g_object_ref (ak_ui_test_get_widget (f->dialog, "secret_label"));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (secret_label)));
  g_assert_true (gtk_widget_has_css_class (secret_label, "monospace"));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "create_button"));
  g_assert_true (ak_ui_test_is_shown (f->dialog, "done_button"));

  /* Once closed, the secret is gone from the label. */
  ak_ui_test_click_id (f->dialog, "done_button");
  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->dialog));
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
  ak_ui_test_click_id (f->dialog, "create_button");
  g_assert_true (ak_ui_test_await (created, f));

  copy_secret = ak_ui_test_get_widget (f->dialog, "secret_copy_button");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (copy_secret), ==, "Copy Secret");
  ak_ui_test_click_id (f->dialog, "secret_copy_button");
  secret = read_clipboard (GTK_WIDGET (f->dialog));
  g_assert_cmpstr (secret, ==, AK_TEST_PROVIDER_SECRET);

  copy_id = ak_ui_test_get_widget (f->dialog, "id_copy_button");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (copy_id), ==, "Copy Access Key ID");
  ak_ui_test_click_id (f->dialog, "id_copy_button");
  id = read_clipboard (GTK_WIDGET (f->dialog));
  g_assert_cmpstr (id, ==, ak_key_get_id (f->created));
}

static void
test_application_credential (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *create;
  GtkWidget *ec2_check;
  GtkWidget *app_cred_check;
  GtkWidget *expiry_row;
  GDateTime *expires_at;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  open_dialog (f, AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  create = ak_ui_test_get_widget (f->dialog, "create_button");
  app_cred_check = ak_ui_test_get_widget (f->dialog, "app_cred_check");
  expiry_row = ak_ui_test_get_widget (f->dialog, "expiry_row");

  /* An access key is the default; the details only for the other kind. */
  g_assert_true (ak_ui_test_is_shown (f->dialog, "kind_group"));
  ec2_check = ak_ui_test_get_widget (f->dialog, "ec2_check");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ec2_check)));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "details_group"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (app_cred_check), TRUE);
  g_assert_true (ak_ui_test_is_shown (f->dialog, "details_group"));
  g_assert_false (gtk_widget_get_sensitive (create));

  ak_ui_test_set_text (f->dialog, "name_row", " backup-job ");
  ak_ui_test_set_text (f->dialog, "description_row", "Nightly backups");
  g_assert_true (gtk_widget_get_sensitive (create));

  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expiry_row), TRUE);
  g_assert_false (ak_ui_test_is_shown (f->dialog, "expiry_error_label"));

  ak_ui_test_click_id (f->dialog, "create_button");
  g_assert_true (ak_ui_test_await (created, f));

  g_assert_cmpint (ak_key_get_kind (f->created), ==, AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_key_get_name (f->created), ==, "backup-job");
  g_assert_cmpstr (ak_key_get_description (f->created), ==, "Nightly backups");
  expires_at = ak_key_get_expires_at (f->created);
  g_assert_nonnull (expires_at);
  g_assert_cmpint (g_date_time_difference (expires_at, now), >, 80 * G_TIME_SPAN_DAY);
  g_assert_cmpint (g_date_time_difference (expires_at, now), <, 100 * G_TIME_SPAN_DAY);

  g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "id_title_label"), ==,
                   "Application Credential ID");
  g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "secret_label"), ==, AK_TEST_PROVIDER_SECRET);
}

static void
test_application_credential_only (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *create;

  /* Signed in with an application credential that may make others: no EC2
   * key on offer, and no choice to make. */
  open_dialog_exactly (f, AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  create = ak_ui_test_get_widget (f->dialog, "create_button");

  g_assert_false (ak_ui_test_is_shown (f->dialog, "kind_group"));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "ec2_row"));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (
                    ak_ui_test_get_widget (f->dialog, "ec2_check"))));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==,
                   "New Application Credential");
  g_assert_true (ak_ui_test_is_shown (f->dialog, "intro_label"));
  g_assert_true (g_str_has_prefix (ak_ui_test_label_text (f->dialog, "intro_label"),
                                   "A new application credential will be made"));
  g_assert_true (ak_ui_test_is_shown (f->dialog, "details_group"));
  g_assert_false (gtk_widget_get_sensitive (create));

  ak_ui_test_set_text (f->dialog, "name_row", "ci-deploy");
  g_assert_true (gtk_widget_get_sensitive (create));
  ak_ui_test_click_id (f->dialog, "create_button");
  g_assert_true (ak_ui_test_await (created, f));

  g_assert_cmpint (ak_key_get_kind (f->created), ==, AK_KEY_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_key_get_name (f->created), ==, "ci-deploy");
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                           ak_key_get_id (f->created)));
}

static void
test_nothing_to_create (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *create;

  /* The window does not offer it, but a dialog opened anyway creates
   * nothing. */
  open_dialog_exactly (f, AK_PROVIDER_FEATURE_NONE);
  create = ak_ui_test_get_widget (f->dialog, "create_button");

  g_assert_false (ak_ui_test_is_shown (f->dialog, "kind_group"));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "details_group"));
  g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "intro_label"), ==,
                   "This account is not allowed to create keys.");
  g_assert_false (gtk_widget_get_sensitive (create));

  g_signal_emit_by_name (create, "clicked");
  ak_ui_test_drain ();
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_CREATE), ==, 0);
  g_assert_cmpuint (f->n_created, ==, 0);
}

static void
test_expiry_in_the_past (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  GtkWidget *create;
  GtkWidget *app_cred_check;
  GtkWidget *expiry_row;
  GtkCalendar *calendar;

  open_dialog (f, AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  create = ak_ui_test_get_widget (f->dialog, "create_button");
  app_cred_check = ak_ui_test_get_widget (f->dialog, "app_cred_check");
  expiry_row = ak_ui_test_get_widget (f->dialog, "expiry_row");
  calendar = GTK_CALENDAR (ak_ui_test_get_widget (f->dialog, "expiry_calendar"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (app_cred_check), TRUE);
  ak_ui_test_set_text (f->dialog, "name_row", "old");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expiry_row), TRUE);
  gtk_calendar_select_day (calendar, yesterday);

  g_assert_true (ak_ui_test_is_shown (f->dialog, "expiry_error_label"));
  g_assert_false (gtk_widget_get_sensitive (create));

  gtk_calendar_select_day (calendar, now);
  g_assert_false (ak_ui_test_is_shown (f->dialog, "expiry_error_label"));
  g_assert_true (gtk_widget_get_sensitive (create));
}

static void
test_error_shown (Fixture       *f,
                  gconstpointer  data)
{
  GtkStack *stack;

  open_dialog (f, AK_PROVIDER_FEATURE_NONE);
  ak_test_provider_push_error (f->provider, AK_TEST_CALL_CREATE, AK_ERROR_PERMISSION);

  ak_ui_test_click_id (f->dialog, "create_button");
  g_assert_true (ak_ui_test_await (dialog_is_idle, f));

  g_assert_cmpuint (f->n_created, ==, 0);
  g_assert_true (ak_ui_test_is_shown (f->dialog, "message_label"));
  g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "message_label"), ==,
                   ak_error_code_to_message (AK_ERROR_PERMISSION));
  stack = GTK_STACK (ak_ui_test_get_widget (f->dialog, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "form");
  g_assert_true (gtk_widget_get_sensitive (ak_ui_test_get_widget (f->dialog, "create_button")));

  /* A second try that works clears the message. */
  ak_ui_test_click_id (f->dialog, "create_button");
  g_assert_true (ak_ui_test_await (created, f));
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_CREATE), ==, 2);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  open_dialog (f, AK_PROVIDER_FEATURE_NONE);
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_CREATE, FALSE);

  ak_ui_test_click_id (f->dialog, "create_button");
  g_assert_true (ak_create_dialog_get_busy (f->dialog));
  g_assert_true (ak_ui_test_is_shown (f->dialog, "spinner"));
  g_assert_false (gtk_widget_get_sensitive (ak_ui_test_get_widget (f->dialog, "create_button")));

  ak_ui_test_click_id (f->dialog, "cancel_button");
  g_assert_false (ak_create_dialog_get_busy (f->dialog));
  g_assert_true (gtk_widget_get_sensitive (ak_ui_test_get_widget (f->dialog, "create_button")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
  ak_ui_test_drain ();
  g_assert_cmpuint (f->n_created, ==, 0);
  g_assert_cmpuint (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_CREATE), ==, 0);

  ak_ui_test_click_id (f->dialog, "cancel_button");
  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->dialog));
}

/* The title and the Create button say which kind is being made, as the
 * choice changes; the created dialog names the credential. */
static void
test_names_the_kind (Fixture       *f,
                     gconstpointer  data)
{
  GtkButton *create;
  GtkCheckButton *ec2_check;
  GtkCheckButton *app_cred_check;

  open_dialog (f, AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  create = GTK_BUTTON (ak_ui_test_get_widget (f->dialog, "create_button"));
  ec2_check = GTK_CHECK_BUTTON (ak_ui_test_get_widget (f->dialog, "ec2_check"));
  app_cred_check = GTK_CHECK_BUTTON (ak_ui_test_get_widget (f->dialog, "app_cred_check"));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "New Access Key");
  g_assert_cmpstr (gtk_button_get_label (create), ==, "C_reate Access Key");

  gtk_check_button_set_active (app_cred_check, TRUE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==,
                   "New Application Credential");
  g_assert_cmpstr (gtk_button_get_label (create), ==, "C_reate Application Credential");

  gtk_check_button_set_active (ec2_check, TRUE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "New Access Key");
  g_assert_cmpstr (gtk_button_get_label (create), ==, "C_reate Access Key");

  /* Outside the window's session nobody else's keys are shown: no owner line. */
  g_assert_false (ak_ui_test_is_shown (f->dialog, "owner_label"));

  gtk_check_button_set_active (app_cred_check, TRUE);
  ak_ui_test_set_text (f->dialog, "name_row", "nightly-backup");
  ak_ui_test_click_id (f->dialog, "create_button");
  g_assert_true (ak_ui_test_await (created, f));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==,
                   "Application Credential Created");
  g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "created_label"), ==,
                   "Application credential “nightly-backup” is ready.");
}

int
main (int   argc,
      char *argv[])
{
  ak_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, NULL, func, fixture_tear_down)

  ADD ("/create-dialog/secret-shown-once", test_secret_shown_once);
  ADD ("/create-dialog/copy", test_copy);
  ADD ("/create-dialog/application-credential", test_application_credential);
  ADD ("/create-dialog/application-credential-only", test_application_credential_only);
  ADD ("/create-dialog/nothing-to-create", test_nothing_to_create);
  ADD ("/create-dialog/expiry-in-the-past", test_expiry_in_the_past);
  ADD ("/create-dialog/error", test_error_shown);
  ADD ("/create-dialog/cancel", test_cancel);
  ADD ("/create-dialog/names-the-kind", test_names_the_kind);

  return g_test_run ();
}
