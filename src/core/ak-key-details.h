/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ak-directory-entry.h"
#include "ak-key.h"

G_BEGIN_DECLS

#define AK_TYPE_KEY_DETAILS (ak_key_details_get_type ())

G_DECLARE_FINAL_TYPE (AkKeyDetails, ak_key_details, AK, KEY_DETAILS, GObject)

AkKeyDetails      *ak_key_details_new               (AkKey             *key);
AkKey             *ak_key_details_get_key           (AkKeyDetails      *self);
AkDirectoryEntry  *ak_key_details_get_owner         (AkKeyDetails      *self);
const GError      *ak_key_details_get_owner_error   (AkKeyDetails      *self);
void               ak_key_details_set_owner         (AkKeyDetails      *self,
                                                     AkDirectoryEntry  *owner,
                                                     const GError      *error);
AkDirectoryEntry  *ak_key_details_get_project       (AkKeyDetails      *self);
const GError      *ak_key_details_get_project_error (AkKeyDetails      *self);
void               ak_key_details_set_project       (AkKeyDetails      *self,
                                                     AkDirectoryEntry  *project,
                                                     const GError      *error);

G_END_DECLS
