/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ak-account-session.h"

G_BEGIN_DECLS

/* How a result is told once no window shows its session: by default
 * g_application_send_notification(). Tests replace it to see what is told. */
typedef void (*AkSessionNotifyFunc) (GApplication  *application,
                                     const char    *id,
                                     GNotification *notification);

void _ak_session_watch                 (GApplication        *application,
                                        AkAccountSession    *session);
void _ak_session_watch_set_notify_func (AkSessionNotifyFunc  func);
guint _ak_session_watch_get_n_busy     (void);

G_END_DECLS
