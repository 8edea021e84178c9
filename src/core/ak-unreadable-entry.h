/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ak-key.h"

G_BEGIN_DECLS

#define AK_TYPE_UNREADABLE_ENTRY (ak_unreadable_entry_get_type ())

/* An entry of a key list that could not be read safely (an ID with a bidi
 * override, a missing owner, …), so it is not an AkKey and cannot be
 * deleted from the app. It says where it was and why, never what it held:
 * the entry may carry a secret, and its ID is what was refused. */
G_DECLARE_FINAL_TYPE (AkUnreadableEntry, ak_unreadable_entry, AK, UNREADABLE_ENTRY, GObject)

AkUnreadableEntry *ak_unreadable_entry_new           (AkKeyKind           kind,
                                                      guint               position,
                                                      const char         *reason);
AkKeyKind          ak_unreadable_entry_get_kind      (AkUnreadableEntry  *self);
guint              ak_unreadable_entry_get_position  (AkUnreadableEntry  *self);
const char        *ak_unreadable_entry_get_reason    (AkUnreadableEntry  *self);
const char        *ak_unreadable_entry_get_user_id   (AkUnreadableEntry  *self);
void               ak_unreadable_entry_set_user_id   (AkUnreadableEntry  *self,
                                                      const char         *user_id);
const char        *ak_unreadable_entry_get_user_name (AkUnreadableEntry  *self);
void               ak_unreadable_entry_set_user_name (AkUnreadableEntry  *self,
                                                      const char         *user_name);

G_END_DECLS
