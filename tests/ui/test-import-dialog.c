/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import from OpenStack Configuration, in-process under Xvfb: a clouds.yaml
 * and secure.yaml in the test's own XDG config folder (or a file chosen),
 * the list of clouds, the form filled from the one chosen, and a sign-in
 * with the imported password against the Keystone double of the provider
 * suite, after which the password is in the keyring and in no file under
 * the test's folders. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "ak-account-dialog.h"
#include "ak-account-store.h"
#include "ak-import-dialog.h"
#include "ak-keystone-provider.h"
#include "ak-provider-factory.h"
#include "ak-ui-test.h"
#include "fake-keystone.h"

#define APP_CRED_SECRET "fake-app-cred-secret-from-clouds-yaml"

static const SecretSchema account_schema = {
  AK_ACCOUNT_STORE_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { AK_ACCOUNT_STORE_ATTRIBUTE_ACCOUNT_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* The harness's XDG folders, from before g_test_init() isolates the
 * test's own: the keyring daemon and dconf write there. */
static char *harness_dirs[6];

typedef struct
{
  FakeKeystone    *keystone;
  AkAccountStore  *store;
  char            *openstack_dir;
  AkAccountDialog *dialog;
  AkImportDialog  *import;
  guint            n_signed_in;
} Fixture;

static void
signed_in_cb (AkAccountDialog *dialog,
              AkAccount       *account,
              AkProvider      *provider,
              Fixture         *f)
{
  f->n_signed_in++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *store_path = g_build_filename (g_get_user_config_dir (), "access-keys",
                                                  "accounts.ini", NULL);

  g_unsetenv ("OS_CLIENT_CONFIG_FILE");
  g_unsetenv ("OS_CLIENT_SECURE_FILE");
  f->keystone = fake_keystone_new ();
  f->store = ak_account_store_new (store_path);
  f->openstack_dir = g_build_filename (g_get_user_config_dir (), "openstack", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (f->import != NULL)
    gtk_window_destroy (GTK_WINDOW (f->import));
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->import));
  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->dialog));

  g_clear_object (&f->store);
  g_clear_pointer (&f->keystone, fake_keystone_free);
  g_clear_pointer (&f->openstack_dir, g_free);
  secret_password_clear_sync (&account_schema, NULL, &error, NULL);
  g_assert_no_error (error);

  ak_ui_test_drain ();
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* A clouds.yaml as people write it, the password in secure.yaml. */
static void
write_config (Fixture *f)
{
  g_autofree char *clouds =
    g_strdup_printf ("clouds:\n"
                     "  demo:\n"
                     "    region_name: RegionOne\n"
                     "    auth: &auth\n"
                     "      auth_url: %s\n"
                     "      username: " FAKE_ALICE_NAME "\n"
                     "      user_domain_name: Default\n"
                     "      project_name: " FAKE_DEMO_NAME "\n"
                     "      project_domain_name: Default\n"
                     "  ci:\n"
                     "    auth_type: v3applicationcredential\n"
                     "    auth:\n"
                     "      auth_url: %s\n"
                     "      application_credential_id: 0123abcd\n"
                     "      application_credential_secret: " APP_CRED_SECRET "\n"
                     "  sso:\n"
                     "    auth_type: v3oidcpassword\n"
                     "    auth:\n"
                     "      <<: *auth\n",
                     f->keystone->url, f->keystone->url);

  write_file (f->openstack_dir, "clouds.yaml", clouds);
  write_file (f->openstack_dir, "secure.yaml",
              "clouds:\n  demo:\n    auth:\n      password: " FAKE_ALICE_PASSWORD "\n");
}

static void
open_dialog (Fixture *f)
{
  f->dialog = ak_account_dialog_new (NULL, f->store, NULL);
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *)&f->dialog);
  g_signal_connect (f->dialog, "signed-in", G_CALLBACK (signed_in_cb), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (ak_ui_test_get_widget (f->import,
                                                                             "stack")));
}

static gboolean
import_settled (gpointer data)
{
  Fixture *f = data;

  return f->import != NULL && g_strcmp0 (visible_page (f), "loading") != 0;
}

/* Import… in the sign-in dialog, as a person clicks it. */
static void
open_import (Fixture *f)
{
  ak_ui_test_click_id (f->dialog, "import_button");
  f->import = AK_IMPORT_DIALOG (ak_ui_test_find_toplevel (AK_TYPE_IMPORT_DIALOG));
  g_assert_nonnull (f->import);
  g_object_add_weak_pointer (G_OBJECT (f->import), (gpointer *)&f->import);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->import)) ==
                 GTK_WINDOW (f->dialog));
  g_assert_true (ak_ui_test_await (import_settled, f));
}

static GPtrArray *
rows (Fixture *f)
{
  return ak_ui_test_find_all_by_type (ak_ui_test_get_widget (f->import, "list_box"),
                                      ADW_TYPE_ACTION_ROW);
}

static AdwActionRow *
find_row (Fixture    *f,
          const char *title)
{
  g_autoptr(GPtrArray) all = rows (f);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (all->pdata[i]), title) == 0)
      return all->pdata[i];

  g_assert_not_reached ();
}

static void
choose (Fixture    *f,
        const char *title)
{
  GtkListBoxRow *row = GTK_LIST_BOX_ROW (find_row (f, title));

  g_signal_emit_by_name (ak_ui_test_get_widget (f->import, "list_box"), "row-activated", row);
  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->import));
}

/* Tests -------------------------------------------------------------------- */

static void
test_list_and_fill (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *host = NULL;
  g_autofree char *expected = NULL;
  AdwActionRow *demo;
  g_autoptr(GPtrArray) all = NULL;

  write_config (f);
  open_dialog (f);
  g_assert_true (ak_ui_test_is_shown (f->dialog, "import_button"));
  open_import (f);

  g_assert_cmpstr (visible_page (f), ==, "clouds");
  all = rows (f);
  g_assert_cmpuint (all->len, ==, 3);

  /* Who, which project, where, and that the password is there. */
  host = g_strdup (f->keystone->url + strlen ("http://"));
  *strchr (host, '/') = '\0';
  demo = find_row (f, "demo");
  expected = g_strdup_printf (FAKE_ALICE_NAME " · " FAKE_DEMO_NAME " · %s · password included",
                              host);
  g_assert_cmpstr (adw_action_row_get_subtitle (demo), ==, expected);
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (f, "sso")), ==,
                   "Signs in a way this app does not support");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (find_row (f, "sso"))));
  /* Enter imports the first cloud: it has the focus. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->import)) == GTK_WIDGET (find_row (f, "demo")));

  /* The file is named; no secret is shown anywhere. */
  text = ak_ui_test_collect_text (GTK_WIDGET (f->import));
  g_assert_nonnull (strstr (text, f->openstack_dir));
  g_assert_null (strstr (text, FAKE_ALICE_PASSWORD));
  g_assert_null (strstr (text, APP_CRED_SECRET));

  choose (f, "demo");

  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "url_row"), ==, f->keystone->url);
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "username_row"), ==, FAKE_ALICE_NAME);
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "domain_row"), ==, "Default");
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "project_domain_row"), ==, "Default");
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "project_row"), ==, FAKE_DEMO_NAME);
  /* The account is called what the file calls the cloud. */
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "name_row"), ==, "demo");
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "password_row"), ==, FAKE_ALICE_PASSWORD);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (ak_ui_test_get_widget (f->dialog,
                                                                          "app_cred_switch"))));
  g_assert_true (gtk_widget_get_sensitive (ak_ui_test_get_widget (f->dialog, "sign_in_button")));
}

static void
test_application_credential (Fixture       *f,
                             gconstpointer  data)
{
  write_config (f);
  open_dialog (f);
  open_import (f);

  g_assert_nonnull (strstr (adw_action_row_get_subtitle (find_row (f, "ci")),
                            "Application credential"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (find_row (f, "ci")),
                            "secret included"));
  choose (f, "ci");

  g_assert_true (gtk_switch_get_active (GTK_SWITCH (ak_ui_test_get_widget (f->dialog,
                                                                         "app_cred_switch"))));
  g_assert_true (ak_ui_test_is_shown (f->dialog, "app_cred_id_row"));
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "app_cred_id_row"), ==, "0123abcd");
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "app_cred_secret_row"), ==, APP_CRED_SECRET);
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "password_row"), ==, "");
}

static void
test_nothing_found (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (g_file_test ("/etc/openstack", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("this machine has an /etc/openstack");
      return;
    }

  open_dialog (f);
  open_import (f);
  g_assert_cmpstr (visible_page (f), ==, "empty");

  /* Choose File… (here the file as the chooser would hand it over). */
  write_file (f->openstack_dir, "project-openrc.sh",
              "export OS_AUTH_URL=\"https://rc.example.com:5000/v3\"\n"
              "export OS_USERNAME='bob'\nexport OS_PROJECT_NAME=bobs\n");
  path = g_build_filename (f->openstack_dir, "project-openrc.sh", NULL);
  file = g_file_new_for_path (path);
  ak_import_dialog_load_file (f->import, file);
  g_assert_true (ak_ui_test_await (import_settled, f));
  g_assert_cmpstr (visible_page (f), ==, "clouds");
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (f, "project-openrc.sh")), ==,
                   "bob · bobs · rc.example.com:5000 · password not included");

  /* No password in the file: the field to type it has the focus. */
  choose (f, "project-openrc.sh");
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "url_row"), ==,
                   "https://rc.example.com:5000/v3");
  g_assert_true (gtk_widget_has_focus (ak_ui_test_get_widget (f->dialog, "password_row")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->dialog)),
                                         ak_ui_test_get_widget (f->dialog, "password_row")));
}

static void
test_problem (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *text = NULL;

  write_file (f->openstack_dir, "clouds.yaml",
              "clouds:\n  demo:\n    auth: [\n      password: " FAKE_ALICE_PASSWORD "\n");
  open_dialog (f);
  open_import (f);

  g_assert_cmpstr (visible_page (f), ==, "problem");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (
                     ak_ui_test_get_widget (f->import, "problem_page"))), ==,
                   "clouds.yaml, line 5: this is not a valid OpenStack configuration.");
  text = ak_ui_test_collect_text (GTK_WIDGET (f->import));
  g_assert_null (strstr (text, FAKE_ALICE_PASSWORD));

  /* Cancel leaves the form as it was. */
  gtk_widget_activate_action (GTK_WIDGET (f->import), "window.close", NULL);
  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->import));
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "url_row"), ==, "");
}

static void
test_edit_has_no_import (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AkAccount) account = ak_account_new ();

  ak_account_set_auth_url (account, f->keystone->url);
  f->dialog = ak_account_dialog_new (NULL, f->store, account);
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *)&f->dialog);
  gtk_window_present (GTK_WINDOW (f->dialog));

  g_assert_false (ak_ui_test_is_shown (f->dialog, "import_button"));
}

/* Every regular file under @dir that holds @needle, one per line. */
static void
find_in_files (const char *dir,
               const char *needle,
               GString    *found,
               guint      *n_files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          find_in_files (path, needle, found, n_files);
          continue;
        }
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
          !g_file_get_contents (path, &contents, &len, NULL))
        continue;

      (*n_files)++;
      for (gsize i = 0; i + strlen (needle) <= len; i++)
        if (memcmp (contents + i, needle, strlen (needle)) == 0)
          {
            g_string_append_printf (found, "%s\n", path);
            break;
          }
    }
}

static void
test_secret_only_in_keyring (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *clouds = g_build_filename (f->openstack_dir, "clouds.yaml", NULL);
  g_autofree char *secure = g_build_filename (f->openstack_dir, "secure.yaml", NULL);
  AkAccount *account;
  const char *dirs[] = {
    g_get_user_config_dir (), g_get_user_data_dir (), g_get_user_cache_dir (),
    g_get_user_state_dir (), g_get_user_runtime_dir (), g_get_home_dir (),
  };
  guint n_files = 0;

  write_config (f);
  open_dialog (f);
  open_import (f);
  choose (f, "demo");

  /* The files the password came from go, so that only what the app
   * writes is left to look at. */
  g_assert_cmpint (g_unlink (clouds), ==, 0);
  g_assert_cmpint (g_unlink (secure), ==, 0);

  ak_ui_test_click_id (f->dialog, "sign_in_button");
  ak_ui_test_wait_for (f->n_signed_in == 1);
  g_assert_cmpuint (fake_keystone_sign_ins (f->keystone), >=, 1);

  /* Saved: in the keyring. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  account = g_list_model_get_item (G_LIST_MODEL (f->store), 0);
  secret = secret_password_lookup_sync (&account_schema, NULL, &error,
                                        AK_ACCOUNT_STORE_ATTRIBUTE_ACCOUNT_ID,
                                        ak_account_get_id (account), NULL);
  g_object_unref (account);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, FAKE_ALICE_PASSWORD);

  /* And in no file: the test's folders and the harness's (the keyring's
   * own file is encrypted). */
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    find_in_files (dirs[i], FAKE_ALICE_PASSWORD, found, &n_files);
  for (guint i = 0; harness_dirs[i] != NULL; i++)
    find_in_files (harness_dirs[i], FAKE_ALICE_PASSWORD, found, &n_files);

  g_test_message ("%u files looked at", n_files);
  /* The accounts file at least was written, and the keyring's. */
  g_assert_cmpuint (n_files, >=, 2);
  g_assert_cmpstr (found->str, ==, "");
}

static AkProvider *
keystone_factory (AkAccount *account,
                  AkSecret  *secret,
                  gpointer   user_data)
{
  return ak_keystone_provider_new (account, secret);
}

int
main (int   argc,
      char *argv[])
{
  const char *variables[] = {
    "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
  };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    if (g_getenv (variables[i]) != NULL)
      harness_dirs[n++] = g_strdup (g_getenv (variables[i]));

  ak_ui_test_init (&argc, &argv);
  ak_provider_factory_install (keystone_factory, NULL, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import-dialog/list-and-fill", test_list_and_fill);
  ADD ("/import-dialog/application-credential", test_application_credential);
  ADD ("/import-dialog/nothing-found", test_nothing_found);
  ADD ("/import-dialog/problem", test_problem);
  ADD ("/import-dialog/edit-has-no-import", test_edit_has_no_import);
  ADD ("/import-dialog/secret-only-in-keyring", test_secret_only_in_keyring);

  return g_test_run ();
}
