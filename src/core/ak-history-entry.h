/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ak-key.h"
#include "ak-key-result.h"

G_BEGIN_DECLS

#define AK_TYPE_HISTORY_ENTRY (ak_history_entry_get_type ())

/* One line of the history: a create, delete or restore and how it ended,
 * with the key and the account it was about. Never a secret: it is made
 * from an AkKey and an AkAccount, which hold none. */
G_DECLARE_FINAL_TYPE (AkHistoryEntry, ak_history_entry, AK, HISTORY_ENTRY, GObject)

GDateTime      *ak_history_entry_get_time            (AkHistoryEntry *self);
AkKeyOperation  ak_history_entry_get_operation       (AkHistoryEntry *self);
AkKeyOutcome    ak_history_entry_get_outcome         (AkHistoryEntry *self);
AkKeyKind       ak_history_entry_get_kind            (AkHistoryEntry *self);
const char     *ak_history_entry_get_key_id          (AkHistoryEntry *self);
const char     *ak_history_entry_get_key_name        (AkHistoryEntry *self);
const char     *ak_history_entry_get_key_label       (AkHistoryEntry *self);
const char     *ak_history_entry_get_owner           (AkHistoryEntry *self);
const char     *ak_history_entry_get_project         (AkHistoryEntry *self);
const char     *ak_history_entry_get_account         (AkHistoryEntry *self);
const char     *ak_history_entry_get_account_id      (AkHistoryEntry *self);
const char     *ak_history_entry_get_server          (AkHistoryEntry *self);
const char     *ak_history_entry_get_user            (AkHistoryEntry *self);
const char     *ak_history_entry_get_account_project (AkHistoryEntry *self);
const char     *ak_history_entry_get_summary         (AkHistoryEntry *self);
const char     *ak_history_entry_get_replaces        (AkHistoryEntry *self);
char           *ak_history_entry_dup_description     (AkHistoryEntry *self);

G_END_DECLS
