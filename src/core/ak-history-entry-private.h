/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ak-account.h"
#include "ak-history-entry.h"

G_BEGIN_DECLS

AkHistoryEntry *_ak_history_entry_new              (AkKeyResult     *result,
                                                    AkAccount       *account,
                                                    GDateTime       *time);
AkHistoryEntry *_ak_history_entry_new_from_json    (JsonParser      *parser,
                                                    const char      *line,
                                                    gssize           length,
                                                    GError         **error);
char           *_ak_history_entry_to_json          (AkHistoryEntry  *self);
guint           _ak_history_entry_get_n_columns    (void);
const char     *_ak_history_entry_get_column_title (guint            column);
char           *_ak_history_entry_dup_column       (AkHistoryEntry  *self,
                                                    guint            column);

G_END_DECLS
