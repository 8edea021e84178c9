/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-demo-account"

#include "config.h"

#include <stdio.h>

#include "ak-account-store.h"

/* ak-demo-account: saves one account through the app's own AkAccountStore,
 * the password read from standard input into the keyring, and makes it the
 * account the app opens at start. Used by build-aux/run-demo.sh so that the
 * demo opens signed in; an account with the same address and user is
 * updated rather than added twice. */

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} Wait;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  ak_account_store_load_finish (AK_ACCOUNT_STORE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  ak_account_store_save_finish (AK_ACCOUNT_STORE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static char *
read_password (void)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (buffer, (char)c);

  return g_string_free (g_steal_pointer (&buffer), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *project = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(AkAccountStore) store = NULL;
  g_autoptr(AkAccount) account = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  char *password;
  Wait wait = { 0 };
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "Identity URL", "URL" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "User name", "NAME" },
    { "project", 0, 0, G_OPTION_ARG_STRING, &project, "Project", "NAME" },
    { "domain", 0, 0, G_OPTION_ARG_STRING, &domain, "User and project domain", "NAME" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, "Account label", "TEXT" },
    { NULL }
  };

  context = g_option_context_new ("— save a demo account; the password comes on stdin");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (url == NULL || user == NULL || project == NULL)
    {
      g_printerr ("--url, --user and --project are required\n");
      return 2;
    }

  password = read_password ();
  secret = ak_secret_new (password);
  ak_secret_wipe (password);

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;

  store = ak_account_store_new (NULL);
  ak_account_store_load_async (store, NULL, load_cb, &wait);
  g_main_loop_run (loop);
  if (wait.error != NULL)
    {
      g_printerr ("%s\n", wait.error->message);
      return 1;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(AkAccount) existing = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (ak_account_get_auth_url (existing), url) == 0 &&
          g_strcmp0 (ak_account_get_username (existing), user) == 0)
        {
          account = ak_account_copy (existing);
          break;
        }
    }
  if (account == NULL)
    account = ak_account_new ();

  ak_account_set_auth_url (account, url);
  ak_account_set_auth_kind (account, AK_AUTH_KIND_PASSWORD);
  ak_account_set_username (account, user);
  ak_account_set_project (account, project);
  if (domain != NULL)
    {
      ak_account_set_user_domain (account, domain);
      ak_account_set_project_domain (account, domain);
    }
  if (label != NULL)
    ak_account_set_label (account, label);

  ak_account_store_save_async (store, account, secret, NULL, save_cb, &wait);
  g_main_loop_run (loop);
  if (wait.error != NULL)
    {
      g_printerr ("%s\n", wait.error->message);
      return 1;
    }

  settings = g_settings_new ("io.github.accesskeys.AccessKeys");
  g_settings_set_string (settings, "last-account", ak_account_get_id (account));
  g_settings_sync ();

  g_print ("saved account %s (%s)\n", ak_account_get_display_label (account),
           ak_account_store_get_path (store));

  return 0;
}
