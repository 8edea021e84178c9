/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-session-watch"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-application.h"
#include "ak-session-watch.h"

/* Keeps the application alive while a session has changes in flight, and
 * tells the person what became of them once no window shows the session any
 * more (it was closed, or the window switched to another account): a desktop
 * notification, since there is no window left for a toast. Every change is
 * also recorded in the application's history, by the session itself. */

static AkSessionNotifyFunc notify_func = g_application_send_notification;

/**
 * _ak_session_watch_set_notify_func:
 * @func: (nullable): what sends a notification, or %NULL for
 *   g_application_send_notification()
 */
void
_ak_session_watch_set_notify_func (AkSessionNotifyFunc func)
{
  notify_func = func != NULL ? func : g_application_send_notification;
}

typedef struct
{
  GApplication *application;
  guint         held : 1;
} Watch;

/* Sessions with changes in flight, over the whole application. */
static guint n_busy;

/**
 * _ak_session_watch_get_n_busy:
 *
 * Returns: how many sessions have changes in flight; while there are any,
 *   quitting should wait for them (the application is held meanwhile)
 */
guint
_ak_session_watch_get_n_busy (void)
{
  return n_busy;
}

static void
watch_free (gpointer  data,
            GClosure *closure)
{
  Watch *watch = data;

  if (watch->held)
    {
      n_busy--;
      g_application_release (watch->application);
    }
  g_clear_object (&watch->application);
  g_free (watch);
}

static void
n_operations_cb (AkAccountSession *session,
                 GParamSpec       *pspec,
                 Watch            *watch)
{
  gboolean busy = ak_account_session_get_n_operations (session) > 0;

  if (busy && !watch->held)
    {
      n_busy++;
      g_application_hold (watch->application);
    }
  else if (!busy && watch->held)
    {
      n_busy--;
      g_application_release (watch->application);
    }

  watch->held = busy;
}

static void
key_result_cb (AkAccountSession *session,
               AkKeyResult      *result,
               Watch            *watch)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *body = NULL;
  AkKey *key;

  /* A window shows it, as a toast. */
  if (!ak_account_session_get_closed (session) || !ak_key_result_is_final (result))
    return;

  key = ak_key_result_get_key (result);
  identity = g_strdup_printf ("key-result-%s", ak_key_get_id (key));
  body = ak_key_result_dup_message (result);

  notification = g_notification_new (_("Access Keys"));
  g_notification_set_body (notification, body);
  if (ak_key_result_get_outcome (result) != AK_KEY_OUTCOME_DONE &&
      ak_key_result_get_outcome (result) != AK_KEY_OUTCOME_ALREADY_GONE)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  notify_func (watch->application, identity, notification);
}

/**
 * _ak_session_watch:
 * @application: the application
 * @session: a session a window is about to show
 *
 * Holds @application while @session has changes in flight, and reports
 * their results by notification once no window shows @session.
 */
void
_ak_session_watch (GApplication     *application,
                   AkAccountSession *session)
{
  Watch *watch;

  g_return_if_fail (G_IS_APPLICATION (application));
  g_return_if_fail (AK_IS_ACCOUNT_SESSION (session));

  watch = g_new0 (Watch, 1);
  watch->application = g_object_ref (application);

  /* The first handler owns the watch; the session outlives its changes. */
  g_signal_connect_data (session, "notify::n-operations", G_CALLBACK (n_operations_cb),
                         watch, watch_free, 0);
  g_signal_connect (session, "key-result", G_CALLBACK (key_result_cb), watch);
  n_operations_cb (session, NULL, watch);

  if (AK_IS_APPLICATION (application))
    ak_account_session_set_history (session,
                                    ak_application_get_history (AK_APPLICATION (application)));
}
