/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

/* Preferences is an AdwPreferencesDialog from libadwaita 1.5. */
#undef ADW_VERSION_MAX_ALLOWED
#define ADW_VERSION_MAX_ALLOWED ADW_ENCODE_VERSION (1, 5, 0)

#include <string.h>

#include "ak-application.h"
#include "ak-test-provider.h"
#include "ak-ui-test.h"
#include "ak-window.h"

/* Preferences as a person uses it: opened from the menu's action or
 * Ctrl+comma, and its number of days changes which keys "expire soon". */

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
  g_settings_reset (f->settings, "expires-soon-days");
  g_settings_reset (f->settings, "last-account");
  g_settings_reset (f->settings, "key-scope");

  f->provider = ak_test_provider_new (AK_PROVIDER_FEATURE_EXPIRY);
  f->account = ak_account_new ();
  ak_account_set_label (f->account, "Test Cloud");
  ak_account_set_auth_url (f->account, "https://keystone.example.com/v3");
  ak_account_set_username (f->account, "tester");

  f->window = ak_window_new (app);
  gtk_window_present (GTK_WINDOW (f->window));
  ak_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ak_ui_test_destroy_toplevels ();
  g_settings_reset (f->settings, "expires-soon-days");
  g_clear_object (&f->provider);
  g_clear_object (&f->account);
  g_clear_object (&f->settings);
}

static GtkWidget *
find_preferences (Fixture *f)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return ak_ui_test_find_by_type (GTK_WIDGET (f->window), ADW_TYPE_PREFERENCES_DIALOG);
#else
  return GTK_WIDGET (ak_ui_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
#endif
}

static GtkSpinButton *
days_spin (GtkWidget *preferences)
{
  GtkWidget *spin = ak_ui_test_find_by_type (preferences, GTK_TYPE_SPIN_BUTTON);

  g_assert_nonnull (spin);

  return GTK_SPIN_BUTTON (spin);
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *preferences;

  /* Ctrl+comma, as the menu and the shortcuts window say. */
  g_assert_true (ak_ui_test_press_shortcut (GTK_WIDGET (f->window), "<Control>comma"));
  ak_ui_test_wait_for (find_preferences (f) != NULL);

  preferences = find_preferences (f);
  text = ak_ui_test_collect_text (preferences);
  g_assert_nonnull (strstr (text, "Warn about keys that expire within (days)"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (days_spin (preferences)), ==, 30);
}

static AkKey *
find_key (Fixture    *f,
          const char *id)
{
  return ak_ui_test_find_window_key (f->window, id);
}

static void
test_days_reflag (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) in_40_days = g_date_time_add_days (now, 40);
  AkKey *added;
  AkKey *key;
  GtkWidget *preferences;

  added = ak_test_provider_add_new_key (f->provider, AK_KEY_KIND_APPLICATION_CREDENTIAL,
                                        "app-cred-40-days", "alice", "web", "nightly");
  ak_key_set_expires_at (added, in_40_days);
  ak_window_set_account (f->window, f->account, AK_PROVIDER (f->provider));
  ak_ui_test_wait_for (find_key (f, "app-cred-40-days") != NULL);

  /* 40 days away is not within the default 30. */
  key = find_key (f, "app-cred-40-days");
  g_assert_cmpuint (ak_key_get_flags (key), ==, AK_KEY_FLAGS_NONE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ak_ui_test_wait_for (find_preferences (f) != NULL);
  preferences = find_preferences (f);

  /* 45 days: the key now expires soon, without a refresh. */
  gtk_spin_button_set_value (days_spin (preferences), 45);
  ak_ui_test_wait_for (ak_key_get_flags (key) == AK_KEY_FLAGS_EXPIRES_SOON);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "expires-soon-days"), ==, 45);

  /* And back to 10: it no longer does. */
  gtk_spin_button_set_value (days_spin (preferences), 10);
  ak_ui_test_wait_for (ak_key_get_flags (key) == AK_KEY_FLAGS_NONE);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ak_ui_test_init (&argc, &argv);

  app = ak_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/preferences/open", test_open);
  ADD ("/preferences/days-reflag", test_days_reflag);

#undef ADD

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
