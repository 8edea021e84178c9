/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-account-session"

#include "config.h"

#include "ak-account-session-private.h"
#include "ak-key-status.h"

/* Keeps the attention flags of the session's keys up to date: worked out
 * once per list (before its keys are shown), when a key is added or
 * removed, when the number of days that count as "soon" changes, and when
 * time alone changes a flag (a key expires, or comes within the days) or
 * the day changes. */

/* A timeout longer than a day may drift (suspend); a day is re-checked. */
#define MAX_WAIT_SECONDS (24 * 60 * 60)

static gboolean status_timeout_cb (gpointer user_data);

static void
schedule (AkAccountSession *self,
          GDateTime        *now,
          GDateTime        *next_change)
{
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  GTimeSpan wait;

  g_clear_handle_id (&self->status_timeout, g_source_remove);

  if (self->closed)
    return;

  /* The next local midnight: "expires within N days" counts days. */
  tomorrow = g_date_time_add_days (now, 1);
  midnight = g_date_time_new (g_date_time_get_timezone (now),
                              g_date_time_get_year (tomorrow),
                              g_date_time_get_month (tomorrow),
                              g_date_time_get_day_of_month (tomorrow),
                              0, 0, 0);

  wait = g_date_time_difference (midnight, now);
  if (next_change != NULL)
    wait = MIN (wait, g_date_time_difference (next_change, now));

  /* Rounded up, so the flag has changed when the timeout runs. */
  wait = (wait + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND;
  wait = MAX (wait, 1);

  /* Not a reference: dispose removes the timeout. */
  self->status_timeout = g_timeout_add_seconds (MIN ((guint) wait, MAX_WAIT_SECONDS),
                                                status_timeout_cb, self);
}

static gboolean
status_timeout_cb (gpointer user_data)
{
  AkAccountSession *self = user_data;

  self->status_timeout = 0;
  _ak_account_session_update_flags (self);

  return G_SOURCE_REMOVE;
}

/* Works out the flags of @keys, the keys a list is about to show. */
void
_ak_account_session_update_flags_of (AkAccountSession *self,
                                     GPtrArray        *keys)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_change = NULL;

  ak_key_status_update (keys, now, self->expires_soon_days, &next_change);
  schedule (self, now, next_change);
}

/* Works out the flags of the keys in sight. */
void
_ak_account_session_update_flags (AkAccountSession *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_change = NULL;

  g_clear_handle_id (&self->status_idle, g_source_remove);
  ak_key_status_update_model (G_LIST_MODEL (self->keys), now, self->expires_soon_days,
                              &next_change);
  schedule (self, now, next_change);
}

static gboolean
status_idle_cb (gpointer user_data)
{
  AkAccountSession *self = user_data;

  self->status_idle = 0;
  _ak_account_session_update_flags (self);

  return G_SOURCE_REMOVE;
}

/* Works out the flags of the keys in sight once the main loop is idle: a
 * batch of deletes from a list of 50,000 keys makes one pass, not one per
 * key. */
void
_ak_account_session_queue_update_flags (AkAccountSession *self)
{
  if (self->status_idle == 0 && !self->closed)
    /* Not a reference: dispose removes the source. */
    self->status_idle = g_idle_add (status_idle_cb, self);
}

/* Stops the timer, on close and dispose. */
void
_ak_account_session_stop_status (AkAccountSession *self)
{
  g_clear_handle_id (&self->status_timeout, g_source_remove);
  g_clear_handle_id (&self->status_idle, g_source_remove);
}

/**
 * ak_account_session_get_expires_soon_days:
 * @self: an #AkAccountSession
 *
 * Returns: within how many days from now a key's expiry counts as "soon"
 */
guint
ak_account_session_get_expires_soon_days (AkAccountSession *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (self), AK_KEY_STATUS_DEFAULT_EXPIRES_SOON_DAYS);

  return self->expires_soon_days;
}

/**
 * ak_account_session_set_expires_soon_days:
 * @self: an #AkAccountSession
 * @days: within how many days from now a key's expiry counts as "soon",
 *   at least 1
 *
 * Flags the keys again with the new number.
 */
void
ak_account_session_set_expires_soon_days (AkAccountSession *self,
                                          guint             days)
{
  g_return_if_fail (AK_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (days >= 1);

  if (self->expires_soon_days == days)
    return;

  self->expires_soon_days = days;
  _ak_account_session_update_flags (self);
  _ak_account_session_notify_expires_soon_days (self);
}
