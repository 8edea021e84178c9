/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-application"

#include "config.h"

/* The About dialog is AdwAboutDialog (libadwaita 1.5) where the stack has it:
 * this file may use 1.5's API, each use behind ADW_CHECK_VERSION (1, 5, 0). */
#undef ADW_VERSION_MAX_ALLOWED
#define ADW_VERSION_MAX_ALLOWED ADW_ENCODE_VERSION (1, 5, 0)

#include <glib/gi18n.h>

#include "ak-a11y-private.h"
#include "ak-application.h"
#include "ak-confirmation.h"
#include "ak-preferences-dialog.h"
#include "ak-session-watch.h"
#include "ak-ui-util-private.h"
#include "ak-window.h"

/* The application: its actions and shortcuts, the About window, and the
 * saved accounts, which it loads at startup so the window can open the
 * account used last. */
struct _AkApplication
{
  AdwApplication   parent_instance;

  /* Owned references */
  AkAccountStore  *account_store;
  AkHistory       *history;
  GSettings       *settings;
  GCancellable    *cancellable;

  /* Weak references */
  AkConfirmation  *quit_question;

  guint            store_loaded : 1;
  guint            activated : 1;
  guint            opened_last_account : 1;
};

G_DEFINE_FINAL_TYPE (AkApplication, ak_application, ADW_TYPE_APPLICATION)

static AkWindow *
get_main_window (AkApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (AK_IS_WINDOW (l->data))
      return AK_WINDOW (l->data);

  return NULL;
}

/* Opens the account used last, once both the window and the accounts are
 * there, and only at startup. */
static void
maybe_open_last_account (AkApplication *self)
{
  g_autofree char *last = NULL;
  AkAccount *account;
  AkWindow *window;

  if (!self->store_loaded || !self->activated || self->opened_last_account)
    return;

  window = get_main_window (self);
  if (window == NULL)
    return;

  self->opened_last_account = TRUE;

  /* The person may have signed in already while the accounts loaded. */
  if (ak_window_get_account (window) != NULL)
    return;

  last = g_settings_get_string (self->settings, "last-account");
  account = *last != '\0' ? ak_account_store_find (self->account_store, last) : NULL;

  /* With no last account, open the only one there is. */
  if (account == NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->account_store)) == 1)
    {
      g_autoptr(AkAccount) only = g_list_model_get_item (G_LIST_MODEL (self->account_store), 0);

      account = only;
    }

  if (account != NULL)
    ak_window_set_account (window, account, NULL);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AkApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ak_account_store_load_finish (AK_ACCOUNT_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The window still works: the person can add an account again. */
      g_message ("Could not load the saved accounts: %s", error->message);
    }

  self->store_loaded = TRUE;
  maybe_open_last_account (self);
}

/* Closes every window and ends the application: at once when @now, or else
 * once the changes on their way have been reported. */
static void
quit_now (AkApplication *self,
          gboolean       now)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing rather than destroying lets each window save its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);

  /* A delete or restore on its way holds the application, which ends as
   * soon as the last one has been reported (ak-session-watch.c). */
  if (now || _ak_session_watch_get_n_busy () == 0)
    g_application_quit (G_APPLICATION (self));
}

/* Whether a window offers Undo for a key that quitting would make
 * impossible to restore: its secret lives only in this process. */
static gboolean
has_restorable_keys (AkApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GListModel *deleted;

      if (!AK_IS_WINDOW (l->data))
        continue;

      deleted = ak_account_session_get_recently_deleted (ak_window_get_session (l->data));
      for (guint i = 0; i < g_list_model_get_n_items (deleted); i++)
        {
          g_autoptr(AkDeletedKey) entry = g_list_model_get_item (deleted, i);

          if (ak_deleted_key_get_restorable (entry))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
quit_now_cb (gpointer user_data)
{
  quit_now (AK_APPLICATION (user_data), TRUE);

  return G_SOURCE_REMOVE;
}

static void
quit_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AkApplication) self = user_data;
  g_autofree char *response = NULL;

  /* Once the dialog has gone: the answer comes while it is still closing,
   * and it must not outlive the window it belongs to. */
  response = ak_confirmation_choose_finish (AK_CONFIRMATION (object), result, NULL);
  if (g_strcmp0 (response, "quit") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, quit_now_cb, g_object_ref (self), g_object_unref);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  AkApplication *self = AK_APPLICATION (user_data);
  g_autoptr(AkConfirmation) question = NULL;
  g_autoptr(GString) body = NULL;
  gboolean busy = _ak_session_watch_get_n_busy () > 0;
  gboolean restorable = has_restorable_keys (self);
  GtkWindow *parent;

  if (!busy && !restorable)
    {
      quit_now (self, FALSE);
      return;
    }

  /* Asked already: Ctrl+Q again shows the same question. */
  if (self->quit_question != NULL && ak_confirmation_present (self->quit_question))
    return;

  /* What would be lost, and only that. */
  body = g_string_new (NULL);
  if (busy)
    g_string_append (body, _("Some changes are still being made. If you quit now, you will "
                             "not learn whether they were made."));
  if (restorable)
    {
      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, _("Keys you deleted can be restored only while Access Keys stays "
                               "open. If you quit now, they can no longer be restored."));
    }

  question = ak_confirmation_new (_("Quit Access Keys?"), body->str);
  ak_confirmation_add_response (question, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  ak_confirmation_add_response (question, "quit", _("_Quit"), ADW_RESPONSE_DESTRUCTIVE);
  ak_confirmation_set_default_response (question, "cancel");
  ak_confirmation_set_close_response (question, "cancel");

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_set_weak_pointer (&self->quit_question, question);
  ak_confirmation_choose_async (question, parent != NULL ? GTK_WIDGET (parent) : NULL,
                                self->cancellable, quit_chosen_cb, g_object_ref (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AkApplication *self = AK_APPLICATION (user_data);
  /* Translators: who made the app, as the About window and the software
   * centre show it. */
  const char *developer_name = _("The Access Keys developers");
  const char *developers[] = { developer_name, NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GObject *about;

#if ADW_CHECK_VERSION (1, 5, 0)
  about = g_object_new (ADW_TYPE_ABOUT_DIALOG, NULL);
#else
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", parent != NULL,
                        NULL);
#endif
  /* The same properties on both. */
  g_object_set (about,
                "application-name", _("Access Keys"),
                "application-icon", APP_ID,
                "version", PACKAGE_VERSION,
                "developer-name", developer_name,
                "developers", developers,
                "license-type", GTK_LICENSE_GPL_3_0,
                "website", "https://github.com/accesskeys/AccessKeys",
                "issue-url", "https://github.com/accesskeys/AccessKeys/issues",
                /* Translators: replace with your names, one per line. */
                "translator-credits", _("translator-credits"),
                "copyright", _("© 2026 The Access Keys developers"),
                NULL);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (about), GTK_WIDGET (parent));
#else
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AkApplication *self = AK_APPLICATION (user_data);

  ak_preferences_dialog_present (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                 self->settings);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
ak_application_startup (GApplication *application)
{
  AkApplication *self = AK_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.refresh", { "F5", "<Control>r", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.create-key", { "<Control>n", NULL } },
    { "win.show-details", { "F9", "<Alt>Return", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (ak_application_parent_class)->startup (application);
  _ak_tooltips_init ();
  _ak_a11y_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  self->settings = g_settings_new ("io.github.accesskeys.AccessKeys");
  ak_account_store_load_async (self->account_store, self->cancellable,
                               load_cb, g_object_ref (self));
}

static void
ak_application_activate (GApplication *application)
{
  AkApplication *self = AK_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (ak_window_new (self));

  gtk_window_present (window);

  self->activated = TRUE;
  maybe_open_last_account (self);
}

static void
ak_application_shutdown (GApplication *application)
{
  AkApplication *self = AK_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (ak_application_parent_class)->shutdown (application);
}

static void
ak_application_dispose (GObject *object)
{
  AkApplication *self = AK_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->quit_question);
  g_clear_object (&self->account_store);
  g_clear_object (&self->history);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ak_application_parent_class)->dispose (object);
}

static void
ak_application_class_init (AkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ak_application_dispose;
  application_class->startup = ak_application_startup;
  application_class->activate = ak_application_activate;
  application_class->shutdown = ak_application_shutdown;
}

static void
ak_application_init (AkApplication *self)
{
  self->account_store = ak_account_store_new (NULL);
  self->history = ak_history_new (NULL);
  self->cancellable = g_cancellable_new ();
}

/**
 * ak_application_new:
 *
 * Returns: (transfer full): the application
 */
AkApplication *
ak_application_new (void)
{
  /* The resource base stays the same in the development profile, whose
   * application ID ends in .Devel. */
  return g_object_new (AK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * ak_application_get_account_store:
 * @self: an #AkApplication
 *
 * Returns: (transfer none): the saved accounts
 */
AkAccountStore *
ak_application_get_account_store (AkApplication *self)
{
  g_return_val_if_fail (AK_IS_APPLICATION (self), NULL);

  return self->account_store;
}

/**
 * ak_application_get_history:
 * @self: an #AkApplication
 *
 * Returns: (transfer none): where every create, delete and restore is
 *   recorded
 */
AkHistory *
ak_application_get_history (AkApplication *self)
{
  g_return_val_if_fail (AK_IS_APPLICATION (self), NULL);

  return self->history;
}
