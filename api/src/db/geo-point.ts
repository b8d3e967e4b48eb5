/** GeoJSON point ([lng, lat]) shared by every located document; 2dsphere-indexed where queried by distance. */
export const geoPointDefinition = {
  type: { type: String, enum: ['Point'], required: true },
  coordinates: { type: [Number], required: true },
} as const;
