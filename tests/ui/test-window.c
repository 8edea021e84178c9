/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

/* The About test sees whichever dialog the stack has (AdwAboutDialog from
 * libadwaita 1.5), behind ADW_CHECK_VERSION. */
#undef ADW_VERSION_MAX_ALLOWED
#define ADW_VERSION_MAX_ALLOWED ADW_ENCODE_VERSION (1, 5, 0)

#include <string.h>

#include "ak-account-dialog.h"
#include "ak-application.h"
#include "ak-create-dialog.h"
#include "ak-key-list.h"
#include "ak-key-row-actions.h"
#include "ak-test-provider.h"
#include "ak-ui-test.h"
#include "ak-insecure-banner.h"
#include "ak-load-progress.h"
#include "ak-window.h"

/* The main window as a person meets it: the page for each state, the
 * header bar's buttons and actions, the size it remembers, About and the
 * shortcuts window. */

static AkApplication *app;

typedef struct
{
  GSettings      *settings;
  AkWindow       *window;
  AkTestProvider *provider;
  AkAccount      *account;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->settings = g_settings_new ("io.github.accesskeys.AccessKeys");
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_settings_reset (f->settings, "window-maximized");
  g_settings_reset (f->settings, "key-scope");
  g_settings_reset (f->settings, "last-account");

  f->provider = ak_test_provider_new (AK_PROVIDER_FEATURE_EXPIRY);
  f->account = ak_account_new ();
  ak_account_set_label (f->account, "Test Cloud");
  ak_account_set_auth_url (f->account, "https://keystone.example.com/v3");
  ak_account_set_username (f->account, "tester");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ak_ui_test_destroy_toplevels ();
  g_clear_object (&f->provider);
  g_clear_object (&f->account);
  g_clear_object (&f->settings);
}

static void
open_window (Fixture *f)
{
  f->window = ak_window_new (app);
  gtk_window_present (GTK_WINDOW (f->window));
  ak_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

static const char *
visible_page (Fixture *f)
{
  GtkWidget *stack = ak_ui_test_find_by_id (GTK_WIDGET (f->window), "stack");

  g_assert_nonnull (stack);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static char *
page_text (Fixture    *f,
           const char *page_id)
{
  GtkWidget *page = ak_ui_test_find_by_id (GTK_WIDGET (f->window), page_id);

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));

  return ak_ui_test_collect_text (page);
}

static gboolean
action_enabled (Fixture    *f,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), name);
}

static void
test_no_account (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *button;
  GtkWindow *dialog;

  open_window (f);

  g_assert_cmpstr (visible_page (f), ==, "no-account");
  text = page_text (f, "no_account_page");
  g_assert_nonnull (strstr (text, "Add a Cloud Account"));
  g_assert_nonnull (strstr (text, "Sign in to your cloud account"));

  /* Nothing to refresh, search or create without an account. */
  g_assert_false (action_enabled (f, "refresh"));
  g_assert_false (action_enabled (f, "create-key"));
  g_assert_false (action_enabled (f, "search"));
  g_assert_false (gtk_widget_get_visible (ak_ui_test_find_by_id (GTK_WIDGET (f->window),
                                                                 "create_button")));
  g_assert_false (gtk_widget_get_mapped (ak_ui_test_find_by_id (GTK_WIDGET (f->window),
                                                                "refresh_button")));

  /* The page's one button opens the sign-in dialog. */
  button = ak_ui_test_find_button (GTK_WIDGET (f->window), "_Add Account");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
  ak_ui_test_click (button);
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (AK_TYPE_ACCOUNT_DIALOG) != NULL);
  dialog = ak_ui_test_find_toplevel (AK_TYPE_ACCOUNT_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (f->window));
  g_assert_true (ak_account_dialog_get_account (AK_ACCOUNT_DIALOG (dialog)) == NULL);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  static const char *win_actions[] = {
    "refresh", "retry", "cancel-loading", "search", "add-account", "edit-account",
    "switch-account", "sign-in-again", "create-key", "delete-key", "replace-key", "retry-delete",
    "key-scope", "show-help-overlay",
  };
  g_auto(GStrv) refresh = NULL;
  g_auto(GStrv) search = NULL;
  g_auto(GStrv) quit = NULL;
  g_auto(GStrv) help = NULL;

  open_window (f);

  for (guint i = 0; i < G_N_ELEMENTS (win_actions); i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), win_actions[i]));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));

  refresh = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.refresh");
  g_assert_true (g_strv_contains ((const char * const *) refresh, "F5"));
  g_assert_true (g_strv_contains ((const char * const *) refresh, "<Control>r"));
  search = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.search");
  g_assert_true (g_strv_contains ((const char * const *) search, "<Control>f"));
  quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));
  help = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) help, "<Control>question"));
}

static void
test_icon_buttons_labelled (Fixture       *f,
                            gconstpointer  data)
{
  static const char *ids[] = {
    "create_button", "search_button", "refresh_button", "primary_menu_button",
  };

  open_window (f);

  /* An icon alone says nothing to a screen reader or a newcomer. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GtkWidget *button = ak_ui_test_find_by_id (GTK_WIDGET (f->window), ids[i]);

      g_assert_nonnull (button);
      g_assert_nonnull (gtk_widget_get_tooltip_text (button));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), !=, "");
    }
}

static void
test_size_restored (Fixture       *f,
                    gconstpointer  data)
{
  int width, height;

  g_settings_set_int (f->settings, "window-width", 777);
  g_settings_set_int (f->settings, "window-height", 555);

  open_window (f);
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  g_assert_cmpint (width, ==, 777);
  g_assert_cmpint (height, ==, 555);
  /* Shown, it keeps that size: what it saves is what it was given, so the
   * size never creeps by the width of its decorations from run to run. */
  ak_ui_test_wait_for (gtk_widget_get_width (GTK_WIDGET (f->window)) > 700);
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  g_assert_cmpint (width, ==, 777);
  g_assert_cmpint (height, ==, 555);

  /* The size it has when closed is the size it opens with next time. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 480);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 640);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-height"), ==, 480);
  g_assert_false (g_settings_get_boolean (f->settings, "window-maximized"));
}

/* The About dialog the stack has: AdwAboutDialog inside the window on
 * libadwaita 1.5 and later, AdwAboutWindow on 1.2. */
static GtkWidget *
find_about (AkWindow *window)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return ak_ui_test_find_by_type (GTK_WIDGET (window), ADW_TYPE_ABOUT_DIALOG);
#else
  return GTK_WIDGET (ak_ui_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
#endif
}

static void
test_about (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *version = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *developer = NULL;
  g_autofree char *copyright = NULL;
  g_autofree char *issue_url = NULL;
  GtkLicense license;
  GtkWidget *about;

  open_window (f);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ak_ui_test_wait_for (find_about (f->window) != NULL);

  about = find_about (f->window);
  g_object_get (about,
                "application-name", &name,
                "version", &version,
                "application-icon", &icon,
                "license-type", &license,
                "developer-name", &developer,
                "copyright", &copyright,
                "issue-url", &issue_url,
                NULL);
  g_assert_cmpstr (name, ==, "Access Keys");
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (icon, ==, APP_ID);
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (developer, ==, "The Access Keys developers");
  g_assert_cmpstr (copyright, ==, "© 2026 The Access Keys developers");
  g_assert_nonnull (issue_url);
#if ADW_CHECK_VERSION (1, 5, 0)
  g_assert_true (gtk_widget_get_root (about) == GTK_ROOT (f->window));
#else
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (f->window));
#endif
}

static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *shortcuts;
  g_autofree char *text = NULL;

  open_window (f);
  /* No hidden shortcuts window waits among the toplevels (see
   * show_help_overlay_action): it exists only while shown. */
  g_assert_null (ak_ui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "show-help-overlay", NULL);
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) != NULL);

  shortcuts = GTK_WIDGET (ak_ui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (f->window));
  text = ak_ui_test_collect_text (shortcuts);
  g_assert_nonnull (strstr (text, "Refresh the List"));
  g_assert_nonnull (strstr (text, "Delete the Selected Key"));
  g_assert_nonnull (strstr (text, "Show the Selected Key’s Menu"));

  gtk_window_close (GTK_WINDOW (shortcuts));
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == NULL);
}

static void
test_keys_and_empty (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;

  open_window (f);

  /* No keys: a page that says so, and how to make one. */
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "empty") == 0);
  text = page_text (f, "empty_page");
  g_assert_nonnull (strstr (text, "No Access Keys"));
  g_assert_nonnull (ak_ui_test_find_button (GTK_WIDGET (f->window), "_Create Access Key"));
  g_assert_true (action_enabled (f, "create-key"));
  g_assert_true (action_enabled (f, "refresh"));
  {
    g_autofree char *last_account = g_settings_get_string (f->settings, "last-account");

    g_assert_cmpstr (last_account, ==, ak_account_get_id (f->account));
  }

  /* A refresh that finds keys shows them. */
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, "AKIAWINDOW0001",
                                "alice", "web", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "refresh", NULL);
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "keys") == 0);
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 1);
  g_assert_true (action_enabled (f, "search"));
}

/* The banner's text is on screen: shown, mapped and revealed. */
static gboolean
insecure_warning_shown (Fixture *f)
{
  AkInsecureBanner *banner =
    AK_INSECURE_BANNER (ak_ui_test_find_by_id (GTK_WIDGET (f->window), "insecure_banner"));

  g_assert_nonnull (banner);

  return gtk_widget_get_mapped (GTK_WIDGET (banner)) && ak_insecure_banner_get_revealed (banner);
}

/* An account allowed to sign in unencrypted says so across the window while
 * it is shown; an encrypted one, or none, does not. */
static void
test_unencrypted_banner (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AkAccount) plain = ak_account_new ();
  g_autoptr(AkTestProvider) plain_provider = ak_test_provider_new (AK_PROVIDER_FEATURE_NONE);
  g_autofree char *text = NULL;
  AkInsecureBanner *banner;

  ak_account_set_label (plain, "Lab");
  ak_account_set_auth_url (plain, "http://192.0.2.10:5000/v3");
  ak_account_set_username (plain, "tester");
  ak_account_set_allow_unencrypted (plain, TRUE);

  open_window (f);
  banner = AK_INSECURE_BANNER (ak_ui_test_find_by_id (GTK_WIDGET (f->window), "insecure_banner"));
  g_assert_false (insecure_warning_shown (f));

  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_drain ();
  g_assert_false (insecure_warning_shown (f));

  ak_window_set_account (f->window, plain, AK_PROVIDER (plain_provider));
  ak_ui_test_wait_for (insecure_warning_shown (f));
  text = ak_ui_test_collect_text (GTK_WIDGET (banner));
  g_assert_nonnull (strstr (text, "not encrypted"));
  g_assert_cmpstr (ak_insecure_banner_get_title (banner), ==,
                   "This account’s connection is not encrypted. Anyone on the network could "
                   "read its password and keys.");

  /* Edited to https, the warning goes with the reason for it. */
  ak_account_set_auth_url (plain, "https://192.0.2.10:5000/v3");
  g_assert_false (ak_insecure_banner_get_revealed (banner));
  ak_account_set_auth_url (plain, "http://192.0.2.10:5000/v3");
  g_assert_true (ak_insecure_banner_get_revealed (banner));

  /* Back to the encrypted account: gone again. */
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  g_assert_false (ak_insecure_banner_get_revealed (banner));
}

static void
test_loading_and_cancel (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *text = NULL;

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LIST, FALSE);
  open_window (f);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));

  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "loading") == 0);
  ak_ui_test_wait_for (gtk_widget_get_mapped (ak_ui_test_find_by_id (GTK_WIDGET (f->window),
                                                                      "loading_page")));
  g_assert_cmpuint (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST), ==, 1);

  /* Cancel stops the list and says nothing changed. */
  ak_ui_test_click (ak_ui_test_find_button (GTK_WIDGET (f->window), "_Cancel"));
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 0);
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "error") == 0);
  text = page_text (f, "error_page");
  g_assert_nonnull (strstr (text, "Loading Cancelled"));

  /* Try Again lists again. */
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LIST, TRUE);
  ak_ui_test_click (ak_ui_test_find_button (GTK_WIDGET (f->window), "_Try Again"));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "empty") == 0);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST), ==, 2);
}

static void
test_error_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *expander;

  ak_test_provider_push_result (f->provider, AK_TEST_CALL_LIST,
                                ak_error_new (AK_ERROR_NETWORK, 0,
                                              "Connection refused (test detail)"));
  open_window (f);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "error") == 0);

  /* The headline is a sentence for a person; the server's words wait
   * behind Details. */
  text = page_text (f, "error_page");
  g_assert_nonnull (strstr (text, "Could Not Load Access Keys"));
  g_assert_nonnull (strstr (text, ak_error_code_to_message (AK_ERROR_NETWORK)));
  expander = ak_ui_test_find_by_id (GTK_WIDGET (f->window), "error_expander");
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  g_assert_null (strstr (text, "test detail"));
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  ak_ui_test_wait_for (ak_ui_test_find_by_id (expander, "error_detail_label") != NULL &&
                       gtk_widget_get_mapped (ak_ui_test_find_by_id (expander,
                                                                     "error_detail_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ak_ui_test_find_by_id (expander,
                                                                         "error_detail_label"))),
                   ==, "Connection refused (test detail)");

  ak_ui_test_click (ak_ui_test_find_button (GTK_WIDGET (f->window), "_Try Again"));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "empty") == 0);
}

/* A list of nothing but entries that could not be read safely is not "no
 * keys": the empty page says so, under the line that counts them. */
static void
test_only_unreadable (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *text = NULL;
  AdwStatusPage *empty_page;
  GtkWidget *bar;

  ak_test_provider_add_unreadable (f->provider, AK_KEY_KIND_EC2, 0,
                                   "The answer’s “credentials[0].access” is not valid.");
  open_window (f);
  empty_page = ADW_STATUS_PAGE (ak_ui_test_find_by_id (GTK_WIDGET (f->window), "empty_page"));
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "empty") == 0);

  bar = ak_ui_test_find_by_id (GTK_WIDGET (f->window), "unreadable_bar");
  ak_ui_test_wait_for (gtk_widget_get_mapped (bar));
  g_assert_cmpstr (ak_ui_test_label_text (f->window, "unreadable_label"), ==,
                   "1 key could not be shown safely");
  text = page_text (f, "empty_page");
  g_assert_null (strstr (text, "No Access Keys"));
  g_assert_null (strstr (text, "has no access keys"));
  g_assert_nonnull (strstr (text, "No Other Access Keys"));
  g_clear_pointer (&text, g_free);

  /* Once the server lists none such, the page says "none" again. */
  ak_test_provider_clear_unreadable (f->provider);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "refresh", NULL);
  ak_ui_test_wait_for (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST) == 2 &&
                       g_strcmp0 (visible_page (f), "empty") == 0 &&
                       g_strcmp0 (adw_status_page_get_title (empty_page),
                                  "No Access Keys") == 0);
  g_assert_false (gtk_widget_get_visible (bar));
  text = page_text (f, "empty_page");
  g_assert_nonnull (strstr (text, "has no access keys"));
}

/* An answer refused for its size says so in its headline. */
static void
test_error_too_large (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *text = NULL;

  ak_test_provider_push_result (f->provider, AK_TEST_CALL_LIST,
                                ak_error_new_too_large (200, "larger than 16 bytes"));
  open_window (f);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "error") == 0);

  text = page_text (f, "error_page");
  g_assert_nonnull (strstr (text, "The server’s answer was too large to read safely."));
  g_assert_null (strstr (text, "does not understand"));
}

static void
test_create_needs_a_kind (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *create;
  GtkWidget *empty_create;
  const char *tooltip;

  /* An account that signs in with an application credential which may
   * create no key at all. */
  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_EXPIRY);
  ak_account_set_auth_kind (f->account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  ak_account_set_application_credential_id (f->account, "4f1c0ffee0000000000000000000abcd");
  open_window (f);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "empty") == 0);
  create = ak_ui_test_find_by_id (GTK_WIDGET (f->window), "create_button");
  empty_create = ak_ui_test_find_by_id (GTK_WIDGET (f->window), "empty_create_button");

  /* Both Create buttons do nothing, and say why in words. */
  g_assert_false (action_enabled (f, "create-key"));
  g_assert_true (gtk_widget_get_visible (create));
  g_assert_false (gtk_widget_is_sensitive (create));
  g_assert_false (gtk_widget_is_sensitive (empty_create));
  tooltip = gtk_widget_get_tooltip_text (create);
  g_assert_nonnull (strstr (tooltip, "signs in with an application credential"));
  g_assert_nonnull (strstr (tooltip, "sign in with your user name and password"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (empty_create), ==, tooltip);
  gtk_test_accessible_assert_property (create, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip);

  /* Ctrl+N does nothing either. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.create-key", NULL);
  ak_ui_test_drain ();
  g_assert_null (ak_ui_test_find_toplevel (AK_TYPE_CREATE_DIALOG));

  /* One kind it may create is enough. */
  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  g_assert_true (action_enabled (f, "create-key"));
  g_assert_true (gtk_widget_is_sensitive (create));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (create), ==, "Create Access Key");
  g_assert_null (gtk_widget_get_tooltip_text (empty_create));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (create),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  /* Without the application credential, the reason is a plainer one. */
  ak_account_set_auth_kind (f->account, AK_AUTH_KIND_PASSWORD);
  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_NONE);
  g_assert_false (action_enabled (f, "create-key"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (create), ==,
                   "This account is not allowed to create keys.");
}

/* The window creates through its session: a create once sent is not taken
 * back, and when its answer is lost the key the server made is listed and
 * the dialog says plainly that its secret can no longer be shown. */
static void
test_create_lost_answer (Fixture       *f,
                         gconstpointer  data)
{
  GtkWindow *dialog;

  open_window (f);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "empty") == 0);

  ak_test_provider_push_lost_answer (f->provider, AK_TEST_CALL_CREATE, AK_ERROR_TIMEOUT);
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_CREATE, FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "create-key", NULL);
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (AK_TYPE_CREATE_DIALOG) != NULL);
  dialog = ak_ui_test_find_toplevel (AK_TYPE_CREATE_DIALOG);
  ak_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  ak_ui_test_click_id (dialog, "create_button");
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_CREATE) == 1);

  /* Neither Cancel nor closing takes it back. */
  g_assert_false (gtk_widget_get_sensitive (ak_ui_test_get_widget (dialog, "cancel_button")));
  gtk_window_close (dialog);
  ak_ui_test_drain ();
  g_assert_true (ak_ui_test_find_toplevel (AK_TYPE_CREATE_DIALOG) == dialog);
  g_assert_cmpuint (ak_account_session_get_n_operations (ak_window_get_session (f->window)),
                    ==, 1);

  ak_test_provider_complete_next (f->provider, AK_TEST_CALL_CREATE);
  ak_ui_test_wait_for (g_list_model_get_n_items (ak_window_get_keys (f->window)) == 1);
  ak_ui_test_wait_for (strstr (ak_ui_test_label_text (dialog, "message_label"),
                               "its secret can no longer be shown") != NULL);
  g_assert_cmpuint (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST), ==, 2);
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "keys") == 0);
  g_assert_cmpuint (ak_account_session_get_n_operations (ak_window_get_session (f->window)),
                    ==, 0);

  /* Now it closes. */
  gtk_window_close (dialog);
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (AK_TYPE_CREATE_DIALOG) == NULL);
}

static void
test_signed_out (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWindow *dialog;

  ak_test_provider_push_error (f->provider, AK_TEST_CALL_LIST, AK_ERROR_AUTH);
  open_window (f);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "signed-out") == 0);

  text = page_text (f, "signed_out_page");
  g_assert_nonnull (strstr (text, "Test Cloud"));
  g_assert_nonnull (strstr (text, "refused"));
  g_assert_false (action_enabled (f, "create-key"));

  /* The button asks for this account's password again. */
  ak_ui_test_click (ak_ui_test_find_button (GTK_WIDGET (f->window), "_Sign In Again"));
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (AK_TYPE_ACCOUNT_DIALOG) != NULL);
  dialog = ak_ui_test_find_toplevel (AK_TYPE_ACCOUNT_DIALOG);
  g_assert_true (ak_account_dialog_get_account (AK_ACCOUNT_DIALOG (dialog)) == f->account);
}

static void
test_scope_toggle (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *title_stack;
  GtkWidget *all_button;

  open_window (f);
  title_stack = ak_ui_test_find_by_id (GTK_WIDGET (f->window), "title_stack");

  /* Without the feature there is nothing to choose. */
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "empty") == 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (title_stack)), ==, "title");

  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_ALL_USERS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (title_stack)), ==, "scope");
  all_button = ak_ui_test_find_button (GTK_WIDGET (f->window), "All Users");
  g_assert_nonnull (all_button);

  /* Choosing "All Users" is remembered and lists everyone's keys. */
  ak_ui_test_click (all_button);
  {
    g_autofree char *key_scope = g_settings_get_string (f->settings, "key-scope");

    g_assert_cmpstr (key_scope, ==, "all-users");
  }
  ak_ui_test_wait_for (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST) == 2);
  g_assert_cmpint (ak_test_provider_get_last_scope (f->provider), ==, AK_KEY_SCOPE_ALL_USERS);
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "empty") == 0);

  /* Expiry column follows the provider's features. */
  g_assert_false (ak_key_list_get_show_expiry (AK_KEY_LIST (ak_ui_test_find_by_id (
                    GTK_WIDGET (f->window), "key_list"))));
}

/* While every user's keys load, a line under the header says so, with
 * Stop; it goes when the list is complete. */
static void
test_load_progress (Fixture       *f,
                    gconstpointer  data)
{
  AkLoadProgress *line;
  GtkWidget *stop;

  g_settings_set_string (f->settings, "key-scope", "all-users");
  ak_test_provider_set_features (f->provider, AK_PROVIDER_FEATURE_ALL_USERS);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, "AKIAWINDOW0001",
                                "alice", "web", NULL);
  open_window (f);
  line = AK_LOAD_PROGRESS (ak_ui_test_find_by_type (GTK_WIDGET (f->window),
                                                    AK_TYPE_LOAD_PROGRESS));
  g_assert_nonnull (line);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (line)));

  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LIST, FALSE);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 1);

  ak_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (line)));
  g_assert_cmpstr (ak_load_progress_get_progress_text (line), ==, "Loading the list of users…");
  stop = ak_ui_test_find_button (GTK_WIDGET (line), "_Stop");
  g_assert_nonnull (stop);
  g_assert_true (gtk_widget_get_mapped (stop));
  g_assert_true (action_enabled (f, "cancel-loading"));
  g_assert_cmpstr (ak_load_progress_get_failed_text (line), ==, "");

  /* The list is complete: the line goes, the keys show. */
  g_assert_true (ak_test_provider_complete_next (f->provider, AK_TEST_CALL_LIST));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "keys") == 0);
  ak_ui_test_wait_for (!gtk_widget_get_visible (GTK_WIDGET (line)));
  g_assert_false (action_enabled (f, "cancel-loading"));
}

/* The selection mode's button, at the start of the header bar after
 * Create, where that mode puts it: made here where the window has none yet,
 * so that the narrow header bar is measured with it either way. */
static void
add_select_button (Fixture *f)
{
  GtkWidget *header_bar = ak_ui_test_get_widget (f->window, "header_bar");
  GtkWidget *button;

  if (ak_ui_test_find_by_id (GTK_WIDGET (f->window), "select_button") != NULL)
    return;

  button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (button), "selection-mode-symbolic");
  gtk_widget_set_tooltip_text (button, "Select");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header_bar), button);
}

static GtkWidget *
window_content (Fixture *f)
{
  return adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
}

/* Resized as a person would, and laid out again: narrow or not as @width
 * says (GTK keeps a few pixels of the size for the window's edges). */
static void
resize_to (Fixture *f,
           int      width)
{
  AkKeyList *key_list = AK_KEY_LIST (ak_ui_test_get_widget (f->window, "key_list"));
  gboolean narrow = width <= 360;

  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 600);
  ak_ui_test_wait_for (ak_key_list_get_narrow (key_list) == narrow &&
                       gtk_widget_get_width (window_content (f)) <= width &&
                       gtk_widget_get_width (window_content (f)) > width - 20);
}

/* @widget lies within the window's width, none of it scrolled or cut off. */
static void
assert_in_sight (Fixture   *f,
                 GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, window_content (f), &bounds));
  g_assert_cmpfloat (bounds.size.width, >=, 1);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                     gtk_widget_get_width (window_content (f)));
}

static GtkColumnViewColumn *
column_titled (Fixture    *f,
               const char *title)
{
  GtkWidget *view = ak_ui_test_find_by_type (GTK_WIDGET (f->window), GTK_TYPE_COLUMN_VIEW);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_assert_not_reached ();
}

/* The mapped menu cell of the key with @id. */
static AkKeyRowActions *
row_cell (Fixture    *f,
          const char *id)
{
  return (AkKeyRowActions *) ak_ui_test_row_cell (f->window, id);
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) cells = NULL;
  g_autofree char *text = NULL;
  g_autofree char *decoration_layout = NULL;
  AkKeyList *key_list;
  GtkWidget *menu_button;
  GtkWidget *row;
  GtkPopover *popover;
  AkConfirmation *question;
  AkKey *key;
  int minimum;

  /* GNOME's buttons at the window's corner (its default button-layout),
   * not the Minimize and Maximize that GTK falls back to in a session
   * without GNOME's settings, as this one is. */
  g_object_get (gtk_settings_get_default (), "gtk-decoration-layout", &decoration_layout, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  ak_test_provider_set_features (f->provider,
                                 AK_PROVIDER_FEATURE_EXPIRY | AK_PROVIDER_FEATURE_ALL_USERS);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, "AKIA4F2C9E7D1B3A5C80",
                                "alice", "web-shop", NULL);
  key = ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                      "0c5e2a9f7b3d41e8a6f2c4b9d1e7a3f5", "bob", "backups",
                                      "nightly-backup");
  ak_key_set_description (key, "Copies the database to cold storage every night");
  open_window (f);
  add_select_button (f);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "keys") == 0);
  key_list = AK_KEY_LIST (ak_ui_test_get_widget (f->window, "key_list"));
  menu_button = ak_ui_test_get_widget (f->window, "primary_menu_button");

  /* Wide: the table, and the scope switch in the header bar. */
  resize_to (f, 1000);
  g_assert_false (ak_key_list_get_narrow (key_list));
  g_assert_true (gtk_widget_get_mapped (ak_ui_test_get_widget (f->window, "scope_all_button")));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "ID")));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "Key")));

  /* 360 px: narrow, and the window could be narrower still. */
  resize_to (f, 360);
  gtk_widget_measure (window_content (f), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("narrow window: %d px at the least", minimum);
  g_assert_cmpint (minimum, <=, 360);

  /* Each key on one row: its name, or its ID without one, and whose it is;
   * and each row's menu in sight, no scrolling sideways to find it. */
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "ID")));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "Owner")));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "Key")));
  ak_ui_test_wait_for (row_cell (f, "AKIA4F2C9E7D1B3A5C80") != NULL &&
                       row_cell (f, "0c5e2a9f7b3d41e8a6f2c4b9d1e7a3f5") != NULL);
  text = ak_ui_test_collect_text (ak_ui_test_find_by_type (GTK_WIDGET (key_list),
                                                           GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (strstr (text, "AKIA4F2C9E7D1B3A5C80\nAccess key · alice"));
  g_assert_nonnull (strstr (text, "nightly-backup\nApplication credential · bob"));
  cells = ak_ui_test_find_all_by_type (GTK_WIDGET (key_list), AK_TYPE_KEY_ROW_ACTIONS);
  for (guint i = 0; i < cells->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (cells, i)))
      assert_in_sight (f, ak_ui_test_find_by_type (g_ptr_array_index (cells, i),
                                                   GTK_TYPE_MENU_BUTTON));
  assert_in_sight (f, menu_button);
  assert_in_sight (f, ak_ui_test_get_widget (f->window, "create_button"));

  /* The scope switch is in the main menu, and works from there. */
  g_assert_false (gtk_widget_get_mapped (ak_ui_test_get_widget (f->window, "scope_all_button")));
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  ak_ui_test_wait_for (ak_ui_test_find_menu_item (GTK_WIDGET (popover), "All Users") != NULL);
  g_assert_nonnull (ak_ui_test_find_menu_item (GTK_WIDGET (popover), "My Keys"));
  ak_ui_test_click (ak_ui_test_find_menu_item (GTK_WIDGET (popover), "All Users"));
  {
    g_autofree char *key_scope = g_settings_get_string (f->settings, "key-scope");

    g_assert_cmpstr (key_scope, ==, "all-users");
  }
  ak_ui_test_wait_for (ak_test_provider_get_n_calls (f->provider, AK_TEST_CALL_LIST) == 2);
  g_assert_cmpint (ak_test_provider_get_last_scope (f->provider), ==, AK_KEY_SCOPE_ALL_USERS);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "keys") == 0);

  /* The Delete key acts on the focused row, as in the table. */
  ak_ui_test_wait_for (row_cell (f, "AKIA4F2C9E7D1B3A5C80") != NULL);
  row = GTK_WIDGET (row_cell (f, "AKIA4F2C9E7D1B3A5C80"));
  while (!GTK_IS_LIST_VIEW (gtk_widget_get_parent (row)))
    row = gtk_widget_get_parent (row);
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (ak_ui_test_press_shortcut (ak_ui_test_find_by_type (GTK_WIDGET (key_list),
                                                                     GTK_TYPE_COLUMN_VIEW),
                                            "Delete"));
  ak_ui_test_wait_for (ak_ui_test_find_confirmation ("Delete Access Key?") != NULL);
  question = ak_ui_test_find_confirmation ("Delete Access Key?");
  g_clear_pointer (&text, g_free);
  text = ak_ui_test_collect_text (ak_confirmation_get_dialog (question));
  g_assert_nonnull (strstr (text, "AKIA4F2C9E7D1B3A5C80"));
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &question);
  ak_ui_test_click (ak_ui_test_find_button (ak_confirmation_get_dialog (question), "_Cancel"));
  ak_ui_test_wait_for (question == NULL);

  /* Wide again: the table's columns, and the switch back in the header bar. */
  resize_to (f, 1000);
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "ID")));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "Owner")));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "Expires")));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "Key")));
  ak_ui_test_wait_for (gtk_widget_get_mapped (ak_ui_test_get_widget (f->window,
                                                                    "scope_all_button")));
  /* The main menu's own sections only: Sort, the lists, the app. */
  g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (
                     GTK_MENU_BUTTON (menu_button))), ==, 3);

  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", decoration_layout, NULL);
}

/* Closed narrow, it opens narrow, at the width it had. */
static void
test_narrow_restored (Fixture       *f,
                      gconstpointer  data)
{
  AkKeyList *key_list;
  int width, height;

  g_settings_set_int (f->settings, "window-width", 400);
  g_settings_set_int (f->settings, "window-height", 600);
  open_window (f);
  key_list = AK_KEY_LIST (ak_ui_test_get_widget (f->window, "key_list"));

  ak_ui_test_wait_for (ak_key_list_get_narrow (key_list));
  ak_ui_test_wait_for (gtk_widget_get_width (window_content (f)) <= 400);
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  g_assert_cmpint (width, ==, 400);
}

static void
test_account_switch_cancels (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(AkTestProvider) other = ak_test_provider_new (AK_PROVIDER_FEATURE_NONE);
  g_autoptr(AkAccount) other_account = ak_account_new ();

  ak_account_set_label (other_account, "Other Cloud");
  ak_test_provider_add_new_key (other, AK_KEY_KIND_EC2, "AKIAOTHER0001", "zed", "p", NULL);
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LIST, FALSE);

  open_window (f);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  g_assert_cmpuint (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST), ==, 1);

  /* Switching cancels what the old account started. */
  ak_window_set_account (f->window, other_account, AK_PROVIDER (other));
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 0);
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "keys") == 0);
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 1);
  g_assert_true (ak_window_get_account (f->window) == other_account);

  /* And back to no account at all. */
  ak_window_set_account (f->window, NULL, NULL);
  g_assert_cmpstr (visible_page (f), ==, "no-account");
  g_assert_cmpuint (g_list_model_get_n_items (ak_window_get_keys (f->window)), ==, 0);
}

static void
test_close_cancels (Fixture       *f,
                    gconstpointer  data)
{
  ak_test_provider_set_auto_complete (f->provider, AK_TEST_CALL_LIST, FALSE);
  open_window (f);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  g_assert_cmpuint (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST), ==, 1);

  /* Closing the window cancels what it started, and nothing keeps it. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  ak_ui_test_wait_for (ak_test_provider_get_n_pending (f->provider, AK_TEST_CALL_LIST) == 0);
  ak_ui_test_wait_for (f->window == NULL);
}

/* In All Users the create dialog says whose key it makes; the new key is
 * then the selected row of the list, even past a search that hid it. */
static void
test_create_reveals_key (Fixture       *f,
                         gconstpointer  data)
{
  AkKeyList *key_list;
  AkCreateDialog *dialog;
  AkKey *selected;
  guint n_before;

  g_settings_set_string (f->settings, "key-scope", "all-users");
  ak_test_provider_set_features (f->provider,
                                 AK_PROVIDER_FEATURE_EXPIRY | AK_PROVIDER_FEATURE_ALL_USERS |
                                 AK_PROVIDER_FEATURE_CREATE_EC2);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("AKIAOTHER%04u", i);

      ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, id, "bob", "web", NULL);
    }
  open_window (f);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "keys") == 0);
  key_list = AK_KEY_LIST (ak_ui_test_get_widget (f->window, "key_list"));
  ak_key_list_set_search_text (key_list, "bob");
  n_before = g_list_model_get_n_items (ak_window_get_keys (f->window));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.create-key", NULL);
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (AK_TYPE_CREATE_DIALOG) != NULL);
  dialog = AK_CREATE_DIALOG (ak_ui_test_find_toplevel (AK_TYPE_CREATE_DIALOG));
  g_assert_true (ak_ui_test_is_shown (dialog, "owner_label"));
  g_assert_cmpstr (ak_ui_test_label_text (dialog, "owner_label"), ==,
                   "The key will belong to you, tester.");

  ak_ui_test_click_id (dialog, "create_button");
  ak_ui_test_wait_for (g_list_model_get_n_items (ak_window_get_keys (f->window)) ==
                       n_before + 1);

  selected = ak_key_list_get_selected_key (key_list);
  g_assert_nonnull (selected);
  g_assert_true (ak_test_provider_has_key (f->provider, AK_KEY_KIND_EC2,
                                           ak_key_get_id (selected)));
  g_assert_false (g_str_has_prefix (ak_key_get_id (selected), "AKIAOTHER"));
  g_assert_cmpstr (ak_key_list_get_search_text (key_list), ==, "");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* In All Users an administrator may make an EC2 key for a user the list
 * shows, in that user's project; the dialog says whose it will be. */
static void
test_create_for_another_user (Fixture       *f,
                              gconstpointer  data)
{
  AkCreateDialog *dialog;
  AdwComboRow *owner_row;
  GListModel *keys;
  g_autoptr(AkKey) made = NULL;

  g_settings_set_string (f->settings, "key-scope", "all-users");
  ak_test_provider_set_features (f->provider,
                                 AK_PROVIDER_FEATURE_ALL_USERS | AK_PROVIDER_FEATURE_CREATE_EC2);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, "AKIABOB0001", "bob", "web", NULL);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, "AKIABOB0002", "bob", "web", NULL);
  ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_EC2, "AKIATESTER1", "tester", "web",
                                NULL);
  open_window (f);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (g_strcmp0 (visible_page (f), "keys") == 0);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.create-key", NULL);
  ak_ui_test_wait_for (ak_ui_test_find_toplevel (AK_TYPE_CREATE_DIALOG) != NULL);
  dialog = AK_CREATE_DIALOG (ak_ui_test_find_toplevel (AK_TYPE_CREATE_DIALOG));

  /* You, or bob once (two keys, one user and project); not yourself twice. */
  g_assert_true (ak_ui_test_is_shown (dialog, "owner_group"));
  owner_row = ADW_COMBO_ROW (ak_ui_test_get_widget (dialog, "owner_row"));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (owner_row)), ==, 2);
  g_assert_cmpstr (ak_ui_test_label_text (dialog, "owner_label"), ==,
                   "The key will belong to you, tester.");
  adw_combo_row_set_selected (owner_row, 1);
  g_assert_cmpstr (ak_ui_test_label_text (dialog, "owner_label"), ==,
                   "The key will belong to bob, in the project web.");

  ak_ui_test_click_id (dialog, "create_button");
  keys = ak_window_get_keys (f->window);
  ak_ui_test_wait_for (g_list_model_get_n_items (keys) == 4);
  made = g_object_ref (ak_key_list_get_selected_key (AK_KEY_LIST (ak_ui_test_get_widget (
                         f->window, "key_list"))));
  g_assert_true (g_str_has_prefix (ak_key_get_id (made), "AKTEST"));
  g_assert_cmpstr (ak_key_get_owner (made), ==, "bob");
  g_assert_cmpstr (ak_key_get_user_id (made), ==, "uid-bob");
  g_assert_cmpstr (ak_key_get_project (made), ==, "web");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* GTK's test accessibility backend, in place of run-headless.sh's "none",
   * so that the test can read what a screen reader would be told. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ak_ui_test_init (&argc, &argv);

  app = ak_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/window/no-account", test_no_account);
  ADD ("/window/unencrypted-banner", test_unencrypted_banner);
  ADD ("/window/actions", test_actions);
  ADD ("/window/icon-buttons-labelled", test_icon_buttons_labelled);
  ADD ("/window/size-restored", test_size_restored);
  ADD ("/window/about", test_about);
  ADD ("/window/shortcuts", test_shortcuts);
  ADD ("/window/keys-and-empty", test_keys_and_empty);
  ADD ("/window/loading-and-cancel", test_loading_and_cancel);
  ADD ("/window/error-page", test_error_page);
  ADD ("/window/only-unreadable", test_only_unreadable);
  ADD ("/window/error-too-large", test_error_too_large);
  ADD ("/window/create-needs-a-kind", test_create_needs_a_kind);
  ADD ("/window/signed-out", test_signed_out);
  ADD ("/window/create-lost-answer", test_create_lost_answer);
  ADD ("/window/scope-toggle", test_scope_toggle);
  ADD ("/window/load-progress", test_load_progress);
  ADD ("/window/narrow", test_narrow);
  ADD ("/window/narrow-restored", test_narrow_restored);
  ADD ("/window/account-switch-cancels", test_account_switch_cancels);
  ADD ("/window/close-cancels", test_close_cancels);
  ADD ("/window/create-reveals-key", test_create_reveals_key);
  ADD ("/window/create-for-another-user", test_create_for_another_user);

#undef ADD

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
