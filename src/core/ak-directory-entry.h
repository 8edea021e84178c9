/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a directory entry is: the owner of a key, or its project. */
typedef enum
{
  AK_DIRECTORY_KIND_USER,
  AK_DIRECTORY_KIND_PROJECT,
} AkDirectoryKind;

#define AK_TYPE_DIRECTORY_KIND (ak_directory_kind_get_type ())
GType ak_directory_kind_get_type (void) G_GNUC_CONST;

#define AK_TYPE_DIRECTORY_ENTRY (ak_directory_entry_get_type ())

typedef struct _AkDirectoryEntry AkDirectoryEntry;

GType              ak_directory_entry_get_type      (void) G_GNUC_CONST;
AkDirectoryEntry  *ak_directory_entry_new           (AkDirectoryKind    kind,
                                                     const char        *id,
                                                     const char        *name,
                                                     const char        *domain_id,
                                                     gboolean           enabled);
AkDirectoryEntry  *ak_directory_entry_ref           (AkDirectoryEntry  *self);
void               ak_directory_entry_unref         (AkDirectoryEntry  *self);
AkDirectoryKind    ak_directory_entry_get_kind      (AkDirectoryEntry  *self);
const char        *ak_directory_entry_get_id        (AkDirectoryEntry  *self);
const char        *ak_directory_entry_get_name      (AkDirectoryEntry  *self);
const char        *ak_directory_entry_get_domain_id (AkDirectoryEntry  *self);
gboolean           ak_directory_entry_get_enabled   (AkDirectoryEntry  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AkDirectoryEntry, ak_directory_entry_unref)

G_END_DECLS
