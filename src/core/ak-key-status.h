/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ak-key.h"

G_BEGIN_DECLS

/* The default of the "expires-soon-days" setting. */
#define AK_KEY_STATUS_DEFAULT_EXPIRES_SOON_DAYS 30

void ak_key_status_update       (GPtrArray   *keys,
                                 GDateTime   *now,
                                 guint        expires_soon_days,
                                 GDateTime  **next_change);
void ak_key_status_update_model (GListModel  *keys,
                                 GDateTime   *now,
                                 guint        expires_soon_days,
                                 GDateTime  **next_change);

G_END_DECLS
